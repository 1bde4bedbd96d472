package io.parkops.sim;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Polls a condition until it holds or the timeout passes: every async wait in these tests has one. */
final class Eventually {

    private Eventually() {
    }

    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> whatIsMissing) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("not within " + timeout.toSeconds() + " s: " + whatIsMissing.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted while waiting");
            }
        }
    }

    static <T> T get(io.vertx.core.Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionFailedError("future failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionFailedError("future did not complete within " + timeout + ": " + e, e);
        }
    }
}
