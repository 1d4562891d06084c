package dev.offboarding.removetokens;

import java.time.Duration;

/** A short, bounded wait inside one call; tests replace it so they do not sleep. */
@FunctionalInterface
public interface Pause {
    Pause REAL = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    };

    void sleep(Duration duration);
}
