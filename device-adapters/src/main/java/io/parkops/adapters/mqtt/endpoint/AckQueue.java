package io.parkops.adapters.mqtt.endpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The PUBACKs one connection owes, in the order its PUBLISHes came. A message's outcome may be
 * decided in any order (the writer settles batches, a refusal is decided at once), but MQTT wants
 * the acknowledgements in order, so an outcome waits here until every earlier one is known.
 * Pure and confined to the connection's event loop; the outcome is readable from any thread
 * (an edge asks whether it gave up on a message).
 *
 * @param <T> what a message ended in
 */
final class AckQueue<T> {

    /** One QoS 1 message waiting for its PUBACK. */
    static final class Slot<T> {
        private final int messageId;
        private final long takenNanos;
        private volatile T outcome;

        private Slot(int messageId, long takenNanos) {
            this.messageId = messageId;
            this.takenNanos = takenNanos;
        }

        int messageId() {
            return messageId;
        }

        T outcome() {
            return outcome;
        }

        boolean settled() {
            return outcome != null;
        }
    }

    private final ArrayDeque<Slot<T>> slots = new ArrayDeque<>();

    /** A new message, last in line; {@code nowNanos} when it was taken. */
    Slot<T> add(int messageId, long nowNanos) {
        Slot<T> slot = new Slot<>(messageId, nowNanos);
        slots.add(slot);
        return slot;
    }

    /** Records the outcome; false when the slot had one already (the first outcome wins). */
    boolean settle(Slot<T> slot, T outcome) {
        if (slot.outcome != null) {
            return false;
        }
        slot.outcome = outcome;
        return true;
    }

    /** The settled slots at the head, removed, in order: these PUBACKs can go out now. */
    List<Slot<T>> takeReady() {
        List<Slot<T>> ready = new ArrayList<>();
        while (!slots.isEmpty() && slots.peek().settled()) {
            ready.add(slots.poll());
        }
        return ready;
    }

    /**
     * Settles with {@code outcome} every unsettled slot taken {@code timeoutNanos} or longer ago.
     * Slots are in the order they were taken, so the search stops at the first young one.
     *
     * @return how many were settled
     */
    int expire(long nowNanos, long timeoutNanos, T outcome) {
        int expired = 0;
        for (Slot<T> slot : slots) {
            if (nowNanos - slot.takenNanos < timeoutNanos) {
                break;
            }
            if (settle(slot, outcome)) {
                expired++;
            }
        }
        return expired;
    }

    /** Settles every waiting slot with {@code outcome} and forgets them all (the connection is gone). */
    void abandonAll(T outcome) {
        for (Slot<T> slot : slots) {
            settle(slot, outcome);
        }
        slots.clear();
    }

    int size() {
        return slots.size();
    }
}
