package io.parkops.rules.influx;

import java.time.Duration;

/**
 * Retry delay after failures: starts at {@code min}, doubles per failure up to {@code max}, and
 * goes back to zero on success. Time is passed in (nanoTime-style), so it is testable. Used by
 * one thread only.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private long delayNanos;
    private long notBeforeNanos;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** Records a failure at {@code now}; returns the delay until the next attempt. */
    Duration failed(long now) {
        delayNanos = delayNanos == 0 ? minNanos : Math.min(delayNanos * 2, maxNanos);
        notBeforeNanos = now + delayNanos;
        return Duration.ofNanos(delayNanos);
    }

    void succeeded() {
        delayNanos = 0;
    }

    /** Whether the next attempt must still wait. */
    boolean waiting(long now) {
        return delayNanos != 0 && now - notBeforeNanos < 0;
    }

    /** Whether the last attempt failed. */
    boolean failing() {
        return delayNanos != 0;
    }
}
