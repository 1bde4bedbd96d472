package io.parkops.model.flow;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Admission control between the ingress adapters and the durable sinks. Every message an adapter
 * hands on holds one permit (recorded in its {@link IngestContext}) until the InfluxDB writer has
 * queued its points, so the event-bus
 * hand-offs in between never hold more than {@code maxInFlight} messages. The writer can also
 * close the gate while its own queue or the disk spool is nearly full.
 *
 * <p>A refused adapter does not buffer: CoAP answers 5.03 with Max-Age, MQTT stops acknowledging
 * so the devices (or the external broker) keep the rest. Plain Java, thread-safe; shared by the modules of one process.
 */
public final class IngestGate {

    private final int maxInFlight;
    private final int retryAfterSeconds;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Supplier<String> sinkBacklog = () -> null;

    /**
     * @param maxInFlight       messages between ingress and the writer's queue at most
     * @param retryAfterSeconds what a refused device is told to wait (CoAP Max-Age)
     */
    public IngestGate(int maxInFlight, int retryAfterSeconds) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, was " + maxInFlight);
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be positive, was " + retryAfterSeconds);
        }
        this.maxInFlight = maxInFlight;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A gate that never refuses on its own (tests and tools without a sink). */
    public static IngestGate unbounded() {
        return new IngestGate(Integer.MAX_VALUE, 1);
    }

    /** The sink tells here why it cannot take more (null while it can). */
    public void watchSink(Supplier<String> backlog) {
        this.sinkBacklog = Objects.requireNonNull(backlog, "backlog");
    }

    /** Takes a permit and returns null, or returns why not (nothing taken then). */
    public String tryEnter() {
        String backlog = sinkBacklog.get();
        if (backlog != null) {
            return backlog;
        }
        while (true) {
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return maxInFlight + " messages are already on their way to the stores";
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return null;
            }
        }
    }

    /** Gives a permit back (the message's points are queued for the writer, or it was dropped). */
    public void leave() {
        inFlight.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Why the sink refuses now, or null. */
    public String sinkBacklog() {
        return sinkBacklog.get();
    }
}
