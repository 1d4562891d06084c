package dev.offboarding.cli;

import java.util.List;

/**
 * What the command was given is wrong (a flag's value, a scenario file), found before anything ran: no IAM call, no
 * engine, no execution. The message names the flag, or the file and its key, and what is wrong.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    /** The problems of one source (a flag, a scenario file), as {@code "<source>: <problem>; <problem>"}. */
    static UsageException of(String source, List<String> problems) {
        return new UsageException(source + ": " + String.join("; ", problems));
    }
}
