package io.parkops.rules.influx;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts points offered to the writer's FIFO queue and points settled (written, synced to the
 * spool, refused for good or counted as dropped), so a caller can wait until everything it offered
 * so far has left memory. Because the queue is FIFO, "settled count >= my offered count" means all
 * of my points are settled. Offers come from one thread, settlements from the writer thread.
 */
final class Settlement {

    private record Waiter(long target, CompletableFuture<Void> done) {
    }

    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    void offered(int points) {
        offered.addAndGet(points);
    }

    void settled(int points) {
        if (points > 0) {
            settled.addAndGet(points);
            release();
        }
    }

    /** Completes once every point offered before this call is settled. */
    CompletableFuture<Void> whenSettled() {
        long target = offered.get();
        if (settled.get() >= target) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiters.add(new Waiter(target, done));
        release(); // the writer may have settled them between the check and the add
        return done;
    }

    /** Points offered so far: a message whose points were just offered is settled once {@link #settledCount()} reaches it. */
    long offeredCount() {
        return offered.get();
    }

    long settledCount() {
        return settled.get();
    }

    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    private void release() {
        long now = settled.get();
        for (Waiter w = waiters.peek(); w != null && w.target() <= now; w = waiters.peek()) {
            if (waiters.remove(w)) {
                w.done().complete(null);
            }
        }
    }
}
