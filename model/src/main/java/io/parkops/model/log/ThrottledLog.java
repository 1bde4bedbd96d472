package io.parkops.model.log;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs rejected input (or any repeated failure) at most once per interval and says how many were left out, so a device
 * flooding garbage cannot flood the log too.
 */
public final class ThrottledLog {

    private final Logger log;
    private final long intervalMs;
    private final AtomicLong nextAllowed = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    public void warn(String format, Object... args) {
        if (due()) {
            log.warn(format, args);
        }
    }

    /** As {@link #warn}, at level error (a trailing throwable argument logs its stack trace). */
    public void error(String format, Object... args) {
        if (due()) {
            log.error(format, args);
        }
    }

    private boolean due() {
        long now = System.currentTimeMillis();
        long next = nextAllowed.get();
        if (now < next || !nextAllowed.compareAndSet(next, now + intervalMs)) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        if (skipped > 0) {
            log.warn("({} similar messages not logged in the last {} ms)", skipped, intervalMs);
        }
        return true;
    }
}
