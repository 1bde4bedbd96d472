package io.parkops.bench.load;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-flight bound and the outcome counters: a message takes a permit before it is sent and
 * gives it back when its outcome (PUBACK / 2.04, refusal, failure) arrives, so no more than
 * {@code inflight} messages are ever unacknowledged.
 */
final class Acks implements Sender.Callback {

    private final int inflight;
    private final Semaphore permits;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();

    Acks(int inflight) {
        this.inflight = inflight;
        this.permits = new Semaphore(inflight);
    }

    /** Takes one permit, waiting at most {@code timeoutMs}; false if none came free. */
    boolean acquire(long timeoutMs) throws InterruptedException {
        return permits.tryAcquire() || permits.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void done(Sender.Outcome outcome) {
        switch (outcome) {
            case ACCEPTED -> accepted.increment();
            case REFUSED -> refused.increment();
            default -> failed.increment();
        }
        permits.release();
    }

    /** Waits until every sent message has its outcome, at most {@code timeoutMs}. */
    boolean awaitAll(long timeoutMs) throws InterruptedException {
        if (!permits.tryAcquire(inflight, timeoutMs, TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(inflight);
        return true;
    }

    /** Messages sent and not yet answered. */
    int unanswered() {
        return inflight - permits.availablePermits();
    }

    long accepted() {
        return accepted.sum();
    }

    long refused() {
        return refused.sum();
    }
}
