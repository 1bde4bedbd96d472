package io.parkops.adapters.ingest;

import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
import io.parkops.model.flow.IngestGate;
import io.parkops.model.flow.Onward;
import io.parkops.model.log.ThrottledLog;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an ingress edge hands a checked message on: to the twins over the local event bus on
 * a single node, to Kafka in a cluster (the {@link Onward} its {@link TelemetryIngest} names). Every message travels with
 * its {@link IngestContext}, which holds a permit of the {@link IngestGate} while it is on its way
 * and ends in the device's answer once the store has (or has not) taken it.
 *
 * <p>Three ways in, one per kind of edge:
 * <ul>
 *   <li>{@link #offer}: the device waits for its acknowledgement (MQTT QoS 1). The message is held,
 *       never refused, while the gate is shut, and held long enough to keep its device to its rate
 *       (pacing); only a device far ahead of its rate is refused.</li>
 *   <li>{@link #offerNow}: nobody can be made to wait (MQTT QoS 0): handed on now or refused.</li>
 *   <li>{@link #handOnAdmitted}: the edge took the permit itself ({@link TelemetryIngest#accept}, CoAP).</li>
 * </ul>
 *
 * <p>{@link #offer} may be called from any thread: while nothing is held and the gate has room a
 * message goes straight on from the caller's thread. Otherwise messages wait here in arrival order
 * (paced ones join when their time comes) and are retried every {@value #RETRY_MILLIS} ms on the
 * context; the edge's own flow control (MQTT receive maximum, a device's unanswered PUBLISH)
 * bounds how many can wait.
 */
public final class HandOff {

    private static final Logger LOG = LoggerFactory.getLogger(HandOff.class);
    private static final ThrottledLog BACKPRESSURE = new ThrottledLog(LOG, 60_000);
    private static final long RETRY_MILLIS = 50;

    private final Context context;
    private final TelemetryIngest ingest;
    private final Onward onward;
    private final String edge;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger heldCount = new AtomicInteger();
    // on the context only
    private final ArrayDeque<Telemetry> held = new ArrayDeque<>();
    private boolean retryScheduled;

    /**
     * @param context where held messages wait
     * @param edge    names the edge in log lines ("MQTT ingress")
     */
    public HandOff(Context context, TelemetryIngest ingest, String edge) {
        this.context = context;
        this.ingest = ingest;
        this.edge = edge;
        this.onward = ingest.onward() != null ? ingest.onward() : Onward.localBus(context.owner().eventBus());
    }

    /**
     * The context of a message from {@code transport} whose device waits for {@code answer}; counted
     * in {@link #waiting()} until it ends.
     */
    public IngestContext contextFor(Transport transport, IngestContext.Answer answer) {
        unanswered.incrementAndGet();
        return IngestContext.of(System.nanoTime(), new Counted(transport, answer));
    }

    /** Messages whose devices wait for their answer (held here, on their way, or waiting to be stored). */
    public int waiting() {
        return unanswered.get();
    }

    /**
     * Takes a checked message whose device waits for its acknowledgement, from any thread. Ends its
     * context with {@link Rejection#RATE_LIMITED} only when its device is abusively far ahead of its rate.
     */
    public void offer(Telemetry telemetry) {
        long wait;
        try {
            wait = ingest.paceNanos(telemetry, System.nanoTime());
        } catch (RejectedException abusive) {
            telemetry.context().refused(abusive.reason(), abusive.getMessage());
            return;
        }
        if (wait == 0 && heldCount.get() == 0 && enter(telemetry) == null) {
            handOn(telemetry);
            return;
        }
        heldCount.incrementAndGet();
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait));
        context.runOnContext(v -> {
            if (wait == 0) {
                hold(telemetry);
            } else {
                context.owner().setTimer(waitMillis, t -> hold(telemetry));
            }
        });
    }

    /**
     * Hands on a checked message nobody can be made to wait for (MQTT QoS 0), or throws the refusal
     * (counted): over its device's rate, or no room downstream.
     */
    public void offerNow(Telemetry telemetry) {
        ingest.requireRate(telemetry, System.nanoTime());
        String full = enter(telemetry);
        if (full != null) {
            ingest.countRejected(telemetry.transport(), Rejection.OVERLOADED);
            throw new RejectedException(Rejection.OVERLOADED, "overloaded: " + full);
        }
        handOn(telemetry);
    }

    /** Hands on a message that already holds its permit and was counted as admitted ({@link TelemetryIngest#accept}). */
    public void handOnAdmitted(Telemetry telemetry) {
        send(telemetry);
    }

    private void hold(Telemetry telemetry) {
        held.add(telemetry);
        forwardHeld();
    }

    private String enter(Telemetry telemetry) {
        IngestGate gate = ingest.gate();
        String full = gate.tryEnter();
        if (full == null) {
            telemetry.context().holding(gate);
        }
        return full;
    }

    private void handOn(Telemetry telemetry) {
        ingest.admitted(telemetry);
        send(telemetry);
    }

    private void send(Telemetry telemetry) {
        if (telemetry.context().awaitsAnswer() && telemetry.context().isDone()) {
            return; // ended already (its edge gave up): storing it now would store it twice
        }
        onward.handOn(telemetry);
    }

    private void forwardHeld() {
        while (!held.isEmpty()) {
            Telemetry next = held.peek();
            if (next.context().isDone()) {
                held.poll(); // its sender was told to send again; handing it on would store it twice
                heldCount.decrementAndGet();
                next.context().abandon();
                continue;
            }
            String full = enter(next);
            if (full != null) {
                BACKPRESSURE.warn("{} holds {} messages and acknowledges no more until there is room: {}", edge, held.size(), full);
                scheduleRetry();
                return;
            }
            held.poll();
            heldCount.decrementAndGet();
            handOn(next);
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

    /** The edge's answer, counted while it is awaited; a message not stored after it was taken is counted too. */
    private final class Counted implements IngestContext.Answer {
        private final Transport transport;
        private final IngestContext.Answer answer;
        private boolean done;

        Counted(Transport transport, IngestContext.Answer answer) {
            this.transport = transport;
            this.answer = answer;
        }

        @Override
        public void stored() {
            answered();
            answer.stored();
        }

        @Override
        public void refused(Rejection reason, String text) {
            answered();
            if (reason == Rejection.NOT_STORED) {
                ingest.countRejected(transport, reason); // every other refusal was counted where it was decided
            }
            answer.refused(reason, text);
        }

        @Override
        public boolean gaveUp() {
            boolean gaveUp = answer.gaveUp();
            if (gaveUp) {
                answered();
            }
            return gaveUp;
        }

        private synchronized void answered() {
            if (!done) {
                done = true;
                unanswered.decrementAndGet();
            }
        }
    }
}
