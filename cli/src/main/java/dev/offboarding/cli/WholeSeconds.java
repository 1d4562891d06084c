package dev.offboarding.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A number of seconds given on the command line, within bounds. Anything else (a word, a fraction, zero where at
 * least one second is needed, a negative or absurd number) is a usage error that picocli reports with the option.
 */
abstract class WholeSeconds implements ITypeConverter<Long> {
    private final long min;
    private final long max;
    private final String what;

    WholeSeconds(long min, long max, String what) {
        this.min = min;
        this.max = max;
        this.what = what;
    }

    @Override
    public Long convert(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number of seconds; give " + range());
        }
        if (seconds < min || seconds > max) {
            throw new TypeConversionException(seconds + " s is out of bounds; give " + range());
        }
        return seconds;
    }

    private String range() {
        return what + " from " + min + " to " + max;
    }

    /** How long a run or a wait may take: at least a second, at most a day. */
    static final class Timeout extends WholeSeconds {
        static final long MAX = 86_400;

        Timeout() {
            super(1, MAX, "a number of seconds");
        }
    }

    /** The simulator's visibility lag: none to an hour, as in a scenario file. */
    static final class Lag extends WholeSeconds {
        Lag() {
            super(0, ScenarioFile.MAX_LAG_SECONDS, "a number of seconds");
        }
    }
}
