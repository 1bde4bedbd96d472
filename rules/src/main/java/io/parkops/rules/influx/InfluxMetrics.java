package io.parkops.rules.influx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The writer's meters. Micrometer names use dots; the Prometheus registry exposes them as
 * {@code parkops_influx_points_written_total}, {@code parkops_influx_points_dropped_total},
 * {@code parkops_influx_batches_rejected_total}, {@code parkops_influx_write_failures_total},
 * {@code parkops_influx_write_seconds} and {@code parkops_influx_queue_depth}.
 */
final class InfluxMetrics {

    final Counter written;
    final Counter dropped;
    final Counter rejectedBatches;
    final Counter writeFailures;
    final Timer writeTime;
    private final MeterRegistry registry;
    private final List<Meter> meters;
    private final List<Meter> spoolMeters = new java.util.ArrayList<>();

    InfluxMetrics(MeterRegistry registry, Supplier<Number> queueDepth) {
        this.registry = registry;
        written = Counter.builder("parkops.influx.points.written")
                .description("Points InfluxDB accepted").register(registry);
        dropped = Counter.builder("parkops.influx.points.dropped")
                .description("Points dropped because the write queue was full or the writer closed").register(registry);
        rejectedBatches = Counter.builder("parkops.influx.batches.rejected")
                .description("Batches InfluxDB refused for good (type conflict, parse error, retention); not retried")
                .register(registry);
        writeFailures = Counter.builder("parkops.influx.write.failures")
                .description("Write attempts that failed and will be retried").register(registry);
        writeTime = Timer.builder("parkops.influx.write")
                .description("Time of one batch write request").register(registry);
        Gauge depth = Gauge.builder("parkops.influx.queue.depth", queueDepth)
                .description("Points waiting to be written, including a batch being retried").register(registry);
        meters = List.of(written, dropped, rejectedBatches, writeFailures, writeTime, depth);
    }

    /** Gauges of the disk spool: {@code parkops_spool_points}, {@code parkops_spool_bytes}. */
    void watchSpool(Supplier<Number> points, Supplier<Number> bytes) {
        spoolMeters.add(Gauge.builder("parkops.spool.points", points).description("Points waiting in the disk spool").register(registry));
        spoolMeters.add(Gauge.builder("parkops.spool.bytes", bytes).description("Size of the disk spool").register(registry));
    }

    /** Unregisters the meters, so that a new writer's gauge is not shadowed by this one's. */
    void close() {
        meters.forEach(registry::remove);
        spoolMeters.forEach(registry::remove);
    }
}
