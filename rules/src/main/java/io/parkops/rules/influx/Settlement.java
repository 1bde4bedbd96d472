package io.parkops.rules.influx;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts points offered to the writer's FIFO queue and points settled (left memory), so a caller
 * can wait until everything it offered so far has. Because the queue is FIFO, "settled count >= my
 * offered count" means all of my points are settled. A point settles either stored (written to
 * InfluxDB or synced to the spool) or lost (the spool was full, InfluxDB refused its batch for good,
 * the writer closed with it unwritten): the lost ranges of the point sequence are kept, so an
 * acknowledgement can tell "stored" from "settled". Offers come from one thread, settlements from
 * the writer thread.
 */
final class Settlement {

    static final int MAX_LOST_RANGES = 100_000;

    private record Waiter(long target, CompletableFuture<Void> done) {
    }

    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** [from, to) ranges of lost points, in order; contiguous ranges are merged. Guarded by itself. */
    private final ArrayDeque<long[]> lost = new ArrayDeque<>();

    void offered(int points) {
        offered.addAndGet(points);
    }

    /** The next {@code points} of the queue are stored. */
    void settled(int points) {
        if (points > 0) {
            settled.addAndGet(points);
            release();
        }
    }

    /** The next {@code points} of the queue have left memory without being stored. */
    void lost(int points) {
        if (points <= 0) {
            return;
        }
        long from = settled.get();
        synchronized (lost) {
            long[] last = lost.peekLast();
            if (last != null && last[1] == from) {
                last[1] = from + points;
            } else {
                if (lost.size() >= MAX_LOST_RANGES) {
                    lost.pollFirst(); // only an acknowledgement older than some 100,000 outages could still ask about it
                }
                lost.addLast(new long[] {from, from + points});
            }
        }
        settled(points);
    }

    /**
     * Whether any point of [from, to) was lost. Asked in increasing order of {@code from} (acks in
     * offer order), so the ranges wholly before {@code from} are forgotten on the way.
     */
    boolean anyLost(long from, long to) {
        synchronized (lost) {
            while (!lost.isEmpty() && lost.peekFirst()[1] <= from) {
                lost.pollFirst();
            }
            long[] first = lost.peekFirst();
            return first != null && first[0] < to;
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
