package io.parkops.adapters.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.model.Rejection;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestGate;

/**
 * Counters of ingress outcomes: {@code parkops_messages_total{transport,tenant,result}} and
 * {@code parkops_values_dropped_total{transport}}. The tenant label only ever holds provisioned
 * tenants, so hostile input cannot blow up the label set.
 */
public final class IngestMetrics {

    static final String MESSAGES = "parkops.messages";
    static final String DROPPED_VALUES = "parkops.values.dropped";
    static final String PACED = "parkops.messages.paced";
    static final String GIVEN_UP = "parkops.messages.given.up";
    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final java.util.concurrent.ConcurrentMap<Key, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code parkops_ingest_in_flight}: messages holding a permit of the gate (between ingress and the writer). */
    void watchGate(IngestGate gate) {
        Gauge.builder("parkops.ingest.in.flight", gate, IngestGate::inFlight)
                .description("Device messages on their way from ingress to the InfluxDB writer's queue").register(registry);
    }

    void accepted(Transport transport, String tenant) {
        counter(transport, tenant, "accepted").increment();
    }

    void rejected(Transport transport, String tenant, Rejection reason) {
        counter(transport, tenant, reason.label()).increment();
    }

    /** {@code parkops_messages_paced_total{transport}}: QoS 1 messages held to keep their device to its rate (stored, only later). */
    void paced(Transport transport) {
        Counter.builder(PACED).description("Device messages held back (not refused) to keep their device to its rate")
                .tag("transport", transport.label()).register(registry).increment();
    }

    /**
     * {@code parkops_messages_given_up_total{transport}}: messages handed on again and again while the
     * stores could not take them, then given up (acknowledged to an external broker, not stored): the
     * one loss the platform allows itself, so it must be seen.
     */
    void givenUp(Transport transport) {
        Counter.builder(GIVEN_UP).description("Messages given up after repeated refusals for the stores' sake (not stored)")
                .tag("transport", transport.label()).register(registry).increment();
    }

    void droppedValues(Transport transport, int count) {
        Counter.builder(DROPPED_VALUES).description("Values dropped from accepted messages (wrong kind or implausible)")
                .tag("transport", transport.label()).register(registry).increment(count);
    }

    /** Messages counted with the given transport and result so far (for tests and progress output). */
    public double count(Transport transport, String result) {
        return registry.find(MESSAGES).tag("transport", transport.label()).tag("result", result)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * Looked up once per (transport, tenant, result) and kept: building the tags and finding the
     * meter on every message cost more than the rest of the counting (JFR, bench/README.md).
     */
    private Counter counter(Transport transport, String tenant, String result) {
        String label = tenant == null ? UNKNOWN : tenant;
        return counters.computeIfAbsent(new Key(transport, label, result), k -> Counter.builder(MESSAGES)
                .description("Device messages by transport, tenant and result")
                .tag("transport", transport.label())
                .tag("tenant", label)
                .tag("result", result)
                .register(registry));
    }

    private record Key(Transport transport, String tenant, String result) {
    }
}
