package io.parkops.adapters.ingest;

import io.parkops.model.Telemetry;
import io.parkops.model.flow.DurableAcks;
import io.parkops.model.flow.IngestGate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands checked messages on to the twins and tells each sender when its message is durable
 * (written to InfluxDB or synced to the spool): the edge's side of "acknowledge only what is
 * stored". The writer's acknowledgements arrive in batches ({@link DurableAcks}).
 *
 * <p>{@link #offer} may be called from any thread: while the {@link IngestGate} has room a message
 * goes straight on from the caller's thread (no hop through this object's context). When the gate
 * is shut, messages wait here in arrival order and are retried every {@value #RETRY_MILLIS} ms on
 * the context; the edge's own flow control (MQTT receive maximum, a device's unanswered PUBLISH)
 * bounds how many can wait. A sender's messages are never reordered as long as it has at most one
 * message here at a time, which both MQTT edges ensure per device or per broker window in order.
 */
public final class DurableHandOff {

    /** A sender waiting for its message to be durable. */
    public interface Sender {
        /** The message is stored: acknowledge it. */
        void durable();

        /** True once the sender stopped waiting (its edge timed out); such a message is not handed on. */
        default boolean gaveUp() {
            return false;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DurableHandOff.class);
    private static final ThrottledLog BACKPRESSURE = new ThrottledLog(LOG, 60_000);
    private static final long RETRY_MILLIS = 50;

    private final Context context;
    private final TelemetryIngest ingest;
    private final String edge;
    private final String ackAddress;
    private MessageConsumer<DurableAcks> acks;

    private final Map<Long, Sender> unacked = new ConcurrentHashMap<>();
    private final AtomicLong nextAckId = new AtomicLong();
    private final AtomicInteger heldCount = new AtomicInteger();
    // on the context only
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean retryScheduled;

    private record Held(Telemetry telemetry, Sender sender) {
    }

    /**
     * @param context where held messages wait and acknowledgements arrive
     * @param edge    names the edge in log lines ("MQTT ingress")
     * @param id      unique per instance (a deployment id): the writer's acknowledgements come to an address made of it
     */
    public DurableHandOff(Context context, TelemetryIngest ingest, String edge, String id) {
        this.context = context;
        this.ingest = ingest;
        this.edge = edge;
        this.ackAddress = "parkops.ingress.ack." + id;
    }

    /** Starts listening for the writer's acknowledgements; call on the context. */
    public Future<Void> start() {
        acks = context.owner().eventBus().localConsumer(ackAddress, m -> {
            for (long id : m.body().ids()) {
                Sender sender = unacked.remove(id);
                if (sender != null) {
                    sender.durable();
                }
            }
        });
        return acks.completion();
    }

    /** Messages handed to this and not yet acknowledged (waiting for room or for the writer). */
    public int waiting() {
        return heldCount.get() + unacked.size();
    }

    /** Takes one checked message, from any thread; {@code sender} hears when it is durable. */
    public void offer(Telemetry telemetry, Sender sender) {
        if (heldCount.get() == 0 && ingest.gate().tryEnter() == null) {
            handOn(telemetry, sender);
            return;
        }
        heldCount.incrementAndGet();
        context.runOnContext(v -> {
            held.add(new Held(telemetry, sender));
            forwardHeld();
        });
    }

    private void handOn(Telemetry telemetry, Sender sender) {
        ingest.admitted(telemetry);
        handOnAdmitted(telemetry, sender);
    }

    /**
     * Hands on a message that already holds a permit of the gate and was counted as admitted
     * ({@link TelemetryIngest#accept}, for an edge that refuses rather than waits when there is no
     * room, like CoAP); {@code sender} hears when it is durable. From any thread.
     */
    public void handOnAdmitted(Telemetry telemetry, Sender sender) {
        long id = nextAckId.getAndIncrement();
        unacked.put(id, sender);
        HandOff.send(context.owner().eventBus(), telemetry, ackAddress, id);
    }

    private void forwardHeld() {
        IngestGate gate = ingest.gate();
        while (!held.isEmpty()) {
            if (held.peek().sender().gaveUp()) {
                held.poll(); // its sender was told to send again; handing it on would store it twice
                heldCount.decrementAndGet();
                continue;
            }
            String full = gate.tryEnter();
            if (full != null) {
                BACKPRESSURE.warn("{} holds {} messages and acknowledges no more until there is room: {}", edge, held.size(), full);
                scheduleRetry();
                return;
            }
            Held next = held.poll();
            heldCount.decrementAndGet();
            handOn(next.telemetry(), next.sender());
        }
    }

    private void scheduleRetry() {
        if (!retryScheduled) {
            retryScheduled = true;
            context.owner().setTimer(RETRY_MILLIS, t -> {
                retryScheduled = false;
                forwardHeld();
            });
        }
    }
}
