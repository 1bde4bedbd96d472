package io.parkops.bench.load;

import java.util.concurrent.Semaphore;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-flight bound and the outcome counters: a message takes a permit before it is sent and
 * gives it back when its outcome (PUBACK / 2.04, refusal, failure) arrives, so no more than
 * {@code inflight} messages are ever unacknowledged. Where the transport tells the message, the
 * acknowledgement's latency (device timestamp → PUBACK, ms) is recorded, and each acknowledged
 * message is noted in the {@link AckLog} when there is one.
 */
final class Acks implements Sender.Callback {

    private final int inflight;
    private final Semaphore permits;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Recorder latency = new Recorder(600_000, 3);
    private final AckLog log;

    Acks(int inflight) {
        this(inflight, null);
    }

    Acks(int inflight, AckLog log) {
        this.inflight = inflight;
        this.permits = new Semaphore(inflight);
        this.log = log;
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

    @Override
    public void done(Sender.Outcome outcome, String topic, long sentAtMillis) {
        if (outcome == Sender.Outcome.ACCEPTED && sentAtMillis > 0) {
            latency.recordValue(Math.min(600_000, Math.max(0, System.currentTimeMillis() - sentAtMillis)));
            if (log != null) {
                log.add(topic, sentAtMillis);
            }
        }
        done(outcome);
    }

    /** Acknowledgement latencies (ms) recorded so far; empty where the transport does not tell them. */
    Histogram latency() {
        return latency.getIntervalHistogram();
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
