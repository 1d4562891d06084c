package dev.offboarding.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves {@code step} forward each time it is read, so that time passes with the calls made and not with
 * the machine's speed: a test of retries against token buckets then gives the same throttles on every machine.
 */
final class ClockThatMovesOnEveryReading extends Clock {

    private final Instant start;
    private final Duration step;
    private final AtomicLong readings = new AtomicLong();

    ClockThatMovesOnEveryReading(Instant start, Duration step) {
        this.start = start;
        this.step = step;
    }

    @Override
    public Instant instant() {
        return start.plus(step.multipliedBy(readings.getAndIncrement()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
