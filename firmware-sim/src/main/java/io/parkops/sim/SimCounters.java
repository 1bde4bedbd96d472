package io.parkops.sim;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters updated from event loops and from the MQTT and CoAP client threads alike. */
final class SimCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile long devices;

    void devices(long count) {
        devices = count;
    }

    void sent() {
        sent.increment();
    }

    void error(String what) {
        errors.increment();
        lastError.set(what);
    }

    SimStats snapshot() {
        return new SimStats(devices, sent.sum(), errors.sum());
    }

    String lastError() {
        return lastError.get();
    }
}
