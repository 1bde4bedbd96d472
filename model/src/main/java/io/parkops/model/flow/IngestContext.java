package io.parkops.model.flow;

import io.parkops.model.Rejection;
import java.util.Objects;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One device message's way from the protocol edge to its store, and the one answer its device
 * gets: {@link #stored()} or {@link #refused}, exactly once, whichever comes first. The edge makes
 * it with an {@link Answer} (a PUBACK, a CoAP response); it travels with the message through the
 * twins to the InfluxDB writer (or, in a cluster, the Kafka producer), and whoever learns the
 * outcome ends it. Ending it also gives back the {@link IngestGate} permit the message holds, if
 * the sink has not given it back already, so no path can keep a permit for good.
 *
 * <p>Thread-safe: a message is handed between event loops and the writer's thread, and a refusal
 * (a twin update that throws) may race with nothing else, but ending twice is harmless by design.
 */
public final class IngestContext {

    /** How the edge answers the device; called at most once, from any thread. */
    public interface Answer {
        /** The message is stored (InfluxDB or the spool; Kafka in a cluster): acknowledge it. */
        void stored();

        /** The message is not stored: say so in the protocol's terms (MQTT 5 reason code, CoAP 5.03) or withhold the acknowledgement. */
        void refused(Rejection reason, String text);

        /** True once the edge stopped waiting (its own timeout told the device to send again): such a message is not handed on. */
        default boolean gaveUp() {
            return false;
        }
    }

    /** For best-effort messages (MQTT QoS 0): nobody waits for an answer. */
    public static final Answer NOBODY = new Answer() {
        @Override
        public void stored() {
        }

        @Override
        public void refused(Rejection reason, String text) {
        }
    };

    /**
     * For data that no device waits for and no permit travels with (a twin edited through the
     * API, tools and tests): ending it does nothing.
     */
    public static final IngestContext NONE = new IngestContext();

    /** {@link #ENDED} and {@link #PERMIT} bits, changed by compare-and-set: no atomic objects per message. */
    private static final VarHandle STATE;
    private static final int ENDED = 1;
    private static final int PERMIT = 2;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(IngestContext.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long receivedNanos;
    private final Answer answer;
    private final long logOffset;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    private volatile IngestGate gate;

    private IngestContext(long receivedNanos, Answer answer) {
        this(receivedNanos, answer, -1);
    }

    private IngestContext(long receivedNanos, Answer answer, long logOffset) {
        this.receivedNanos = receivedNanos;
        this.answer = Objects.requireNonNull(answer, "answer");
        this.logOffset = logOffset;
    }

    private IngestContext() {
        this(0, NOBODY, -1);
    }

    /**
     * A message whose device waits for {@code answer}; {@code receivedNanos} from {@link System#nanoTime()}.
     * The device itself is the {@code Telemetry}'s that carries this context.
     */
    public static IngestContext of(long receivedNanos, Answer answer) {
        return new IngestContext(receivedNanos, answer);
    }

    /** A best-effort message (QoS 0): it still holds a permit while on its way, but nobody is answered. */
    public static IngestContext bestEffort(long receivedNanos) {
        return new IngestContext(receivedNanos, NOBODY);
    }

    /**
     * A message read back from a shared log (cluster mode: the telemetry topic) at {@code offset} of
     * its partition; its device was answered by the node that wrote it, so nobody waits here.
     */
    public static IngestContext fromLog(long offset) {
        return new IngestContext(0, NOBODY, offset);
    }

    /** Where the message sits in its partition of the shared log, or -1 when it did not come from one. */
    public long logOffset() {
        return logOffset;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    /** Nanoseconds since the edge received the message. */
    public long ageNanos(long nowNanos) {
        return nowNanos - receivedNanos;
    }

    /** Whether the device waits for an answer (false for QoS 0). */
    public boolean awaitsAnswer() {
        return answer != NOBODY;
    }

    /** Records that the message holds one permit of {@code gatePermit}, to be given back by {@link #releasePermit()}. */
    public IngestContext holding(IngestGate gatePermit) {
        if (this == NONE) {
            throw new IllegalStateException("IngestContext.NONE cannot hold a permit");
        }
        this.gate = Objects.requireNonNull(gatePermit, "gate");
        if (!setBit(PERMIT)) {
            throw new IllegalStateException("a message holds at most one permit");
        }
        return this;
    }

    /** Gives the permit back (the message's points are queued for the store); only the first call counts. */
    public void releasePermit() {
        if (clearBit(PERMIT)) {
            gate.leave();
        }
    }

    public boolean holdsPermit() {
        return (state & PERMIT) != 0;
    }

    /** Ends the message as stored: the device is acknowledged. False when it had ended already. */
    public boolean stored() {
        if (!end()) {
            return false;
        }
        answer.stored();
        return true;
    }

    /** Ends the message as not stored: the device is refused, never acknowledged. False when it had ended already. */
    public boolean refused(Rejection reason, String text) {
        if (!end()) {
            return false;
        }
        answer.refused(reason, text);
        return true;
    }

    /** Ends the message without an answer, because the edge gave up waiting (its device was told to send again). */
    public boolean abandon() {
        return end();
    }

    /** True once ended, or once the edge gave up waiting: nothing more should be done with the message. */
    public boolean isDone() {
        return (state & ENDED) != 0 || answer.gaveUp();
    }

    private boolean end() {
        if (this == NONE || !setBit(ENDED)) {
            return false;
        }
        releasePermit();
        return true;
    }

    /** Sets {@code bit}; false when it was set already. */
    private boolean setBit(int bit) {
        while (true) {
            int current = state;
            if ((current & bit) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, current, current | bit)) {
                return true;
            }
        }
    }

    /** Clears {@code bit}; false when it was clear already. */
    private boolean clearBit(int bit) {
        while (true) {
            int current = state;
            if ((current & bit) == 0) {
                return false;
            }
            if (STATE.compareAndSet(this, current, current & ~bit)) {
                return true;
            }
        }
    }

    @Override
    public String toString() {
        return "IngestContext[" + ((state & ENDED) != 0 ? "ended" : "open") + ", permit " + holdsPermit() + "]";
    }
}
