package io.parkops.rules.influx;

import io.parkops.model.influx.InfluxSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the writer's batches go: InfluxDB, or the crash-safe disk spool while InfluxDB fails,
 * replayed oldest first once it answers again. Owns the session and the spool; says for each
 * batch whether it is stored, so the writer can tell its callers. Called from the writer thread
 * only, except for the read-only figures ({@link #spooled}, {@link #spoolFull}, {@link #spoolBacklog}).
 */
final class InfluxSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final InfluxConfig config;
    private final String where;
    private final InfluxSession session;
    private final InfluxSpool spool;
    private final InfluxMetrics metrics;
    private long lastSpoolWarning = System.nanoTime() - WARN_INTERVAL_NANOS;
    private boolean databaseReady;

    /** {@code spoolConfig} null: no spool, failed batches wait in memory. */
    InfluxSink(InfluxConfig config, SpoolConfig spoolConfig, InfluxMetrics metrics) {
        this.config = config;
        this.where = InfluxClients.redacted(config.url());
        this.session = new InfluxSession(config);
        this.metrics = metrics;
        this.spool = spoolConfig == null ? null : new InfluxSpool(spoolConfig);
        if (spool != null) {
            metrics.watchSpool(spool::points, spool::bytes);
            if (!spool.isEmpty()) {
                LOG.info("spool {} holds {} points from before; replaying them once InfluxDB answers", spoolConfig.file(), spool.points());
            }
        }
    }

    boolean spools() {
        return spool != null;
    }

    /** Makes sure the database exists, then replays the spool oldest first; throws (leaving the rest spooled) when InfluxDB fails. */
    void prepare() {
        ensureDatabase();
        if (spool == null) {
            return;
        }
        for (InfluxSpool.Batch batch = spool.oldest(); batch != null; batch = spool.oldest()) {
            Optional<String> refusal;
            try {
                refusal = session.writeLines(batch.lines());
            } catch (InfluxDBException.DatabaseNotFoundException e) {
                databaseReady = false;
                throw e;
            }
            if (refusal.isPresent()) {
                metrics.rejectedBatches.increment();
                LOG.error("InfluxDB refused a spooled batch of {} points for good, not retrying it: {}", batch.lines().size(), refusal.get());
            } else {
                metrics.written.increment(batch.lines().size());
            }
            spool.remove(batch);
        }
    }

    /**
     * Writes one batch: true when stored, false when InfluxDB refused it for good (type conflict,
     * parse error, retention: retrying would stall every point behind it). Throws when a retry may succeed.
     */
    boolean write(List<Point> batch) {
        long start = System.nanoTime();
        Optional<String> refusal;
        try {
            refusal = session.write(batch);
        } catch (InfluxDBException.DatabaseNotFoundException e) {
            databaseReady = false; // dropped behind our back: create it again before the retry
            throw e;
        } finally {
            metrics.writeTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        if (refusal.isPresent()) {
            metrics.rejectedBatches.increment();
            LOG.error("InfluxDB refused a batch of {} points for good, not retrying it: {}", batch.size(), refusal.get());
            return false;
        }
        metrics.written.increment(batch.size());
        return true;
    }

    /** Appends a batch to the spool (synced): true when stored, false (counted as dropped) when the spool is full. */
    boolean spool(List<Point> batch) {
        List<String> lines = new ArrayList<>(batch.size());
        for (Point p : batch) {
            lines.add(p.lineProtocol(InfluxSchema.PRECISION));
        }
        if (spool.append(lines)) {
            return true;
        }
        metrics.dropped.increment(batch.size());
        long now = System.nanoTime();
        if (now - lastSpoolWarning >= WARN_INTERVAL_NANOS) {
            lastSpoolWarning = now;
            LOG.warn("the InfluxDB spool is full ({} bytes, {} points): dropping new points until InfluxDB at {} takes "
                    + "the backlog ({} dropped since start)", spool.bytes(), spool.points(), where, (long) metrics.dropped.count());
        }
        return false;
    }

    /** Why the spool takes no more, or null: it is nearly full (backpressure starts while what is on its way still fits). */
    String spoolBacklog() {
        if (spool != null && (spool.isFull() || spool.nearlyFull())) {
            return "the InfluxDB spool is nearly full (" + spool.bytes() + " of " + spool.maxBytes()
                    + " bytes, PARKOPS_SPOOL_MAX_BYTES) while InfluxDB at " + where + " does not take writes";
        }
        return null;
    }

    boolean spoolFull() {
        return spool != null && spool.isFull();
    }

    long spooled() {
        return spool == null ? 0 : spool.points();
    }

    boolean ping() {
        return session.ping();
    }

    /**
     * CREATE DATABASE is retried while the server cannot be reached. A server that answers but
     * refuses (InfluxDB 2.x/3.x compatibility APIs, missing rights) gets a warning and the writes
     * are tried anyway: the database may have been set up by an operator.
     */
    void ensureDatabase() {
        if (databaseReady) {
            return;
        }
        String error = session.createDatabase();
        if (error == null) {
            LOG.info("InfluxDB database '{}' ready at {}", config.database(), where);
        } else {
            LOG.warn("InfluxDB at {} refused CREATE DATABASE \"{}\" ({}); writing anyway - create the database "
                    + "(on InfluxDB 2.x/3.x: a bucket with a DBRP mapping) if writes fail", where, config.database(), error);
        }
        databaseReady = true;
    }

    @Override
    public void close() {
        session.close();
        if (spool != null) {
            spool.close();
        }
    }
}
