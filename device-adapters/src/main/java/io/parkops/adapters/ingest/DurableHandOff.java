package io.parkops.adapters.ingest;

import io.parkops.model.Telemetry;
import io.parkops.model.flow.IngestGate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands checked messages on to the twins in arrival order and tells each sender when its message
 * is durable (written to InfluxDB or synced to the spool): the edge's side of "acknowledge only
 * what is stored". When the {@link IngestGate} is shut, messages wait here and are retried every
 * {@value #RETRY_MILLIS} ms; the edge's own flow control (MQTT receive maximum, a device's
 * unacknowledged PUBLISH) bounds how many can wait.
 *
 * <p>Not thread-safe on purpose: every method runs on the one Vert.x context it was started on.
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
    private MessageConsumer<Long> acks;

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Long, Sender> unacked = new HashMap<>();
    private long nextAckId;
    private boolean retryScheduled;
    private volatile int waiting;

    private record Held(Telemetry telemetry, Sender sender) {
    }

    /**
     * @param context the context every call comes from
     * @param edge    names the edge in log lines ("MQTT ingress")
     * @param id      unique per instance (a deployment id): the writer's acknowledgements come to an address made of it
     */
    public DurableHandOff(Context context, TelemetryIngest ingest, String edge, String id) {
        this.context = context;
        this.ingest = ingest;
        this.edge = edge;
        this.ackAddress = "parkops.ingress.ack." + id;
    }

    /** Starts listening for the writer's acknowledgements. */
    public Future<Void> start() {
        acks = context.owner().eventBus().localConsumer(ackAddress, m -> acknowledge(m.body()));
        return acks.completion();
    }

    public Future<Void> stop() {
        return acks == null ? Future.succeededFuture() : acks.unregister();
    }

    /** Messages handed to this and not yet acknowledged (waiting for room or for the writer). */
    public int waiting() {
        return waiting;
    }

    /** Takes one checked message; {@code sender} hears when it is durable. */
    public void offer(Telemetry telemetry, Sender sender) {
        held.add(new Held(telemetry, sender));
        forwardHeld();
    }

    private void forwardHeld() {
        IngestGate gate = ingest.gate();
        while (!held.isEmpty()) {
            if (held.peek().sender().gaveUp()) {
                held.poll(); // its sender was told to send again; handing it on would store it twice
                continue;
            }
            String full = gate.tryEnter();
            if (full != null) {
                BACKPRESSURE.warn("{} holds {} messages and acknowledges no more until there is room: {}", edge, held.size(), full);
                scheduleRetry();
                break;
            }
            Held next = held.poll();
            long id = nextAckId++;
            unacked.put(id, next.sender());
            ingest.admitted(next.telemetry());
            HandOff.send(context.owner().eventBus(), next.telemetry(), ackAddress, id);
        }
        waiting = held.size() + unacked.size();
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

    private void acknowledge(long id) {
        Sender sender = unacked.remove(id);
        if (sender != null) {
            sender.durable();
        }
        waiting = held.size() + unacked.size();
    }
}
