package io.parkops.sim;

import io.parkops.sim.fault.Fault;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters updated from event loops and from the MQTT and CoAP client threads alike. */
final class SimCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder backoffs = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<Fault, LongAdder> faults = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile long devices;

    void devices(long count) {
        devices = count;
    }

    void sent() {
        sent.increment();
    }

    void acked() {
        acked.increment();
    }

    /** The platform answered with a refusal; {@code code} is e.g. {@code 4.00} or {@code MQTT 0x87}. */
    void refused(String code, String what) {
        refused.computeIfAbsent(code, c -> new LongAdder()).increment();
        error(what);
    }

    void error(String what) {
        errors.increment();
        lastError.set(what);
    }

    /** A buffered report was dropped because the device's buffer was full. */
    void droppedFromBuffer() {
        dropped.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    /** The platform said 5.03 or 4.29 and the device waited before sending again. */
    void backedOff() {
        backoffs.increment();
    }

    void fault(Fault fault) {
        faults.computeIfAbsent(fault, f -> new LongAdder()).increment();
    }

    SimStats snapshot(long connected, long buffered) {
        Map<String, Long> refusedByCode = new TreeMap<>();
        refused.forEach((code, n) -> refusedByCode.put(code, n.sum()));
        Map<String, Long> faultCounts = new TreeMap<>();
        faults.forEach((fault, n) -> faultCounts.put(fault.flag(), n.sum()));
        long accepted = acked.sum(); // before sent, so a snapshot never shows more acked than sent
        return new SimStats(devices, connected, sent.sum(), accepted, errors.sum(), buffered, dropped.sum(),
                reconnects.sum(), backoffs.sum(), refusedByCode, faultCounts);
    }

    String lastError() {
        return lastError.get();
    }
}
