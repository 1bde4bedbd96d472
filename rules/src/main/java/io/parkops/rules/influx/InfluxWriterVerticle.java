package io.parkops.rules.influx;

import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.Rejection;
import io.parkops.model.flow.IngestContext;
import io.parkops.model.flow.IngestGate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import org.influxdb.dto.Point;

/**
 * Where data goes to InfluxDB: every {@link TwinChange} and every alert transition becomes points
 * handed to the {@link InfluxWriter}, which does the (blocking) I/O on its own thread.
 *
 * <p>This is where a device message's trip ends. Its {@link IngestContext} gives its
 * {@link IngestGate} permit back once the points are queued, and ends once they are written or
 * synced to the spool ({@link SettledAcks}): stored, or refused when they could not be queued or
 * stored, so its device is never acknowledged for a point that is not stored. The writer's backlog
 * shuts the gate.
 */
public final class InfluxWriterVerticle extends VerticleBase {

    private final InfluxConfig config;
    private final SpoolConfig spool;
    private final MeterRegistry registry;
    private final IngestGate gate;
    private final boolean twinChanges;
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
        this(config, spool, registry, gate, true);
    }

    private InfluxWriterVerticle(InfluxConfig config, SpoolConfig spool, MeterRegistry registry, IngestGate gate,
                                 boolean twinChanges) {
        this.config = config;
        this.spool = spool;
        this.registry = registry;
        this.gate = gate;
        this.twinChanges = twinChanges;
    }

    /**
     * A cluster node's writer: alert transitions only. Telemetry points are written by the cluster's
     * InfluxDB consumer group from Kafka, so the twin changes this node's feed causes must not be
     * written a second time here, and no device message waits on this writer (its gate is Kafka's).
     */
    public static InfluxWriterVerticle alertsOnly(InfluxConfig config, SpoolConfig spool, MeterRegistry registry) {
        return new InfluxWriterVerticle(config, spool, registry, IngestGate.unbounded(), false);
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
        alerts = vertx.eventBus().localConsumer(Addresses.ALERT_CHANGED, m -> writer.offer(PointMapper.point(m.body())));
        if (!twinChanges) {
            return alerts.completion();
        }
        gate.watchSink(created::backlog);
        changes = vertx.eventBus().localConsumer(Addresses.TWIN_CHANGED, this::onTwinChange);
        return Future.all(changes.completion(), alerts.completion());
    }

    /** The permit comes back even if mapping fails: a leaked permit would shrink the gate for good. */
    private void onTwinChange(Message<TwinChange> m) {
        TwinChange change = m.body();
        IngestContext message = change.context();
        long from = writer.offeredPoints();
        try {
            List<Point> points = PointMapper.points(change);
            int queued = writer.offer(points);
            if (queued < points.size()) {
                message.refused(Rejection.NOT_STORED, "the InfluxDB write queue is full; send it again");
                return;
            }
            if (message.awaitsAnswer()) {
                acks.add(from, from + queued, message);
            }
        } catch (RuntimeException e) {
            message.refused(Rejection.NOT_STORED, "its points could not be made (" + e.getClass().getSimpleName() + ")");
            throw e;
        } finally {
            message.releasePermit();
        }
    }

    /** Stops taking points, then flushes the queue (bounded wait) off the event loop. */
    @Override
    public Future<?> stop() {
        InfluxWriter closing = writer;
        return Future.all(changes == null ? Future.succeededFuture() : changes.unregister(), alerts.unregister())
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
