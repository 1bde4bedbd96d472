package io.parkops.rules.influx;

import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Where data goes to InfluxDB: every {@link TwinChange} and every alert transition becomes points
 * handed to the {@link InfluxWriter}, which does the (blocking) I/O on its own thread.
 */
public final class InfluxWriterVerticle extends VerticleBase {

    private final InfluxConfig config;
    private final SpoolConfig spool;
    private final MeterRegistry registry;
    private volatile InfluxWriter writer;
    private MessageConsumer<TwinChange> changes;
    private MessageConsumer<Alert> alerts;

    public InfluxWriterVerticle(InfluxConfig config, MeterRegistry registry) {
        this(config, null, registry);
    }

    /** A writer that spools to disk while InfluxDB is unreachable ({@code spool} null = memory only). */
    public InfluxWriterVerticle(InfluxConfig config, SpoolConfig spool, MeterRegistry registry) {
        this.config = config;
        this.spool = spool;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        LocalCodec.registerAll(vertx);
        // the spool file is opened (and possibly scanned) here: keep that off the event loop
        return vertx.executeBlocking(() -> new InfluxWriter(config, spool, registry)).compose(this::consume);
    }

    private Future<?> consume(InfluxWriter created) {
        writer = created;
        changes = vertx.eventBus().localConsumer(Addresses.TWIN_CHANGED, m -> writer.offer(PointMapper.points(m.body())));
        alerts = vertx.eventBus().localConsumer(Addresses.ALERT_CHANGED, m -> writer.offer(PointMapper.point(m.body())));
        return Future.all(changes.completion(), alerts.completion());
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
