package io.parkops.platform;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a condition holds, for effects that cross the network and the event bus. */
final class Eventually {

    private Eventually() {
    }

    static <T> T await(Duration timeout, Callable<T> probe, Predicate<T> done, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
                if (last != null && done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(100);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
        if (lastError != null) {
            failure.addSuppressed(lastError);
        }
        throw failure;
    }
}
