package io.parkops.rules.influx;

import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.flow.IngestGate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Where data goes to InfluxDB: every {@link TwinChange} and every alert transition becomes points
 * handed to the {@link InfluxWriter}, which does the (blocking) I/O on its own thread.
 *
 * <p>This is where a device message's trip through the {@link IngestGate} ends: its permit is
 * given back once its points are queued, and when the ingress asked for an acknowledgement (MQTT)
 * the ack id goes back once the points are written or synced to the spool ({@link SettledAcks}, in
 * batches). The writer's backlog
 * shuts the gate.
 */
public final class InfluxWriterVerticle extends VerticleBase {

    private final InfluxConfig config;
    private final SpoolConfig spool;
    private final MeterRegistry registry;
    private final IngestGate gate;
    private volatile InfluxWriter writer;
    private MessageConsumer<TwinChange> changes;
    private MessageConsumer<Alert> alerts;
    private SettledAcks acks;

    public InfluxWriterVerticle(InfluxConfig config, MeterRegistry registry) {
        this(config, null, registry);
    }

    /** A writer that spools to disk while InfluxDB is unreachable ({@code spool} null = memory only). */
    public InfluxWriterVerticle(InfluxConfig config, SpoolConfig spool, MeterRegistry registry) {
        this(config, spool, registry, IngestGate.unbounded());
    }

    /** As above, releasing permits of {@code gate} and shutting it while the writer is backlogged. */
    public InfluxWriterVerticle(InfluxConfig config, SpoolConfig spool, MeterRegistry registry, IngestGate gate) {
        this.config = config;
        this.spool = spool;
        this.registry = registry;
        this.gate = gate;
    }

    @Override
    public Future<?> start() {
        LocalCodec.registerAll(vertx);
        // the spool file is opened (and possibly scanned) here: keep that off the event loop
        return vertx.executeBlocking(() -> new InfluxWriter(config, spool, registry)).compose(this::consume);
    }

    private Future<?> consume(InfluxWriter created) {
        writer = created;
        acks = new SettledAcks(context, created);
        gate.watchSink(created::backlog);
        changes = vertx.eventBus().localConsumer(Addresses.TWIN_CHANGED, this::onTwinChange);
        alerts = vertx.eventBus().localConsumer(Addresses.ALERT_CHANGED, m -> writer.offer(PointMapper.point(m.body())));
        return Future.all(changes.completion(), alerts.completion());
    }

    /** The permit is given back and the ack promised even if mapping fails: a leaked permit would shrink the gate for good. */
    private void onTwinChange(Message<TwinChange> m) {
        try {
            writer.offer(PointMapper.points(m.body()));
        } finally {
            if (m.headers().contains(IngestGate.PERMIT_HEADER)) {
                gate.leave();
            }
            String ackAddress = m.headers().get(IngestGate.ACK_ADDRESS_HEADER);
            if (ackAddress != null) {
                acks.add(ackAddress, Long.parseLong(m.headers().get(IngestGate.ACK_ID_HEADER)));
            }
        }
    }

    /** Stops taking points, then flushes the queue (bounded wait) off the event loop. */
    @Override
    public Future<?> stop() {
        InfluxWriter closing = writer;
        return Future.all(changes.unregister(), alerts.unregister())
                .compose(v -> vertx.executeBlocking(() -> {
                    closing.close();
                    return null;
                }));
    }

    /** For the platform's readiness check: whether InfluxDB answers {@code /ping}. Never blocks the caller. */
    public Future<Boolean> influxReachable() {
        InfluxWriter current = writer;
        if (current == null) {
            return Future.succeededFuture(false);
        }
        // complete on the caller's context (the HTTP verticle), not on this verticle's
        Context caller = Vertx.currentContext();
        return caller == null ? Future.fromCompletionStage(current.ping())
                : Future.fromCompletionStage(current.ping(), caller);
    }

    /** The writer, for metrics and tests; null before start. */
    public InfluxWriter writer() {
        return writer;
    }
}
