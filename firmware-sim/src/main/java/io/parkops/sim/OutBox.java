package io.parkops.sim;

import java.util.ArrayDeque;

/**
 * A device's reports waiting to be sent, as firmware keeps them in RAM while offline: bounded,
 * and when full the oldest report makes room for the newest (a fresh reading is worth more).
 * Not thread-safe; its reporter guards it.
 */
final class OutBox {

    private final int capacity;
    private final ArrayDeque<byte[]> queue;

    OutBox(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(Math.min(capacity, 16));
    }

    /** @return how many older reports were dropped to make room (0 or 1; 1 when the capacity is 0) */
    int add(byte[] report) {
        if (capacity == 0) {
            return 1;
        }
        int dropped = 0;
        if (queue.size() >= capacity) {
            queue.pollFirst();
            dropped = 1;
        }
        queue.addLast(report);
        return dropped;
    }

    /** Puts a report whose send failed back at the head, to go first once the device can send again. */
    int putBack(byte[] report) {
        if (queue.size() >= capacity) {
            return 1; // the buffer filled with newer reports meanwhile: this one is the oldest
        }
        queue.addFirst(report);
        return 0;
    }

    byte[] poll() {
        return queue.pollFirst();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }
}
