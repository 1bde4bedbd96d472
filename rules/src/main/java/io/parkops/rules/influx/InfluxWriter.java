package io.parkops.rules.influx;

import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.model.influx.InfluxSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pump that takes points to InfluxDB in batches, with its own batching instead of influxdb-java's
 * {@code enableBatch} (which drops points silently when a write fails); where a batch goes, and
 * whether it is stored, is the {@link InfluxSink}'s business.
 *
 * <p>{@link #offer} never blocks (callers are event loops): points go into a bounded queue, and
 * when it is full they are counted as dropped. One dedicated daemon thread does all the I/O: it
 * creates the database, then writes a batch whenever {@code batchSize} points are queued and
 * whatever is queued every {@code flushInterval}. A failed write keeps its batch and is retried
 * with a backoff of 1 s doubling to 30 s. Batches the server refuses for good (type conflict,
 * parse error, retention) are counted and not retried, since retrying would stall every other
 * point behind them.
 *
 * <p>With a {@link SpoolConfig}, nothing waits in memory while InfluxDB is unreachable: the failed
 * batch and everything queued after it go to the crash-safe {@link InfluxSpool} every flush
 * interval, and are replayed oldest first before any new point is written directly. Points are
 * dropped (and counted) only when the spool is full. Every point leaves memory stored or lost, and
 * {@link #anyLost} tells which, so that no device is acknowledged for a lost point.
 */
public final class InfluxWriter implements AutoCloseable {

    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final long DROP_WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);

    private final InfluxConfig config;
    /** The server's address for log lines and messages, without a password it may carry. */
    private final String where;
    private final InfluxSink sink;
    private final BlockingQueue<Point> queue;
    private final ScheduledExecutorService executor;
    private final InfluxMetrics metrics;
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - DROP_WARN_INTERVAL_NANOS);
    private volatile int pendingSize;
    private final Settlement settlement = new Settlement();
    private final AtomicBoolean flushForWaiterPending = new AtomicBoolean();

    // touched by the writer thread only
    private final Backoff backoff = new Backoff(MIN_BACKOFF, MAX_BACKOFF);
    private List<Point> pending = List.of();

    public InfluxWriter(InfluxConfig config, MeterRegistry registry) {
        this(config, null, registry);
    }

    /** A writer that spools to disk while InfluxDB is unreachable; {@code spoolConfig} null = memory only. */
    public InfluxWriter(InfluxConfig config, SpoolConfig spoolConfig, MeterRegistry registry) {
        this.config = config;
        this.where = InfluxClients.redacted(config.url());
        this.queue = new ArrayBlockingQueue<>(config.maxQueuedPoints());
        this.metrics = new InfluxMetrics(registry, this::queued);
        this.sink = new InfluxSink(config, spoolConfig, metrics);
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parkops-influx-writer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.flushInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> pump(true), 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Queues one point without blocking; false (and counted as dropped) when the queue is full or the writer closed. */
    public boolean offer(Point point) {
        boolean accepted = enqueue(point);
        settlement.offered(accepted ? 1 : 0);
        wakeIfBatchReady();
        return accepted;
    }

    /** Queues points without blocking; returns how many were accepted (the rest are counted as dropped). */
    public int offer(Collection<Point> points) {
        int accepted = 0;
        for (Point point : points) {
            accepted += enqueue(point) ? 1 : 0;
        }
        settlement.offered(accepted);
        wakeIfBatchReady();
        return accepted;
    }

    /** Points offered so far (a watermark: see {@link #settledPoints()}). */
    public long offeredPoints() {
        return settlement.offeredCount();
    }

    /** Points settled so far; the queue is FIFO, so every point offered up to this count is settled. */
    public long settledPoints() {
        return settlement.settledCount();
    }

    /**
     * Whether any of the points numbered [from, to) (offered-point watermarks) settled without being
     * stored. Ask only about settled points, in increasing order of {@code from}.
     */
    public boolean anyLost(long from, long to) {
        return settlement.anyLost(from, to);
    }

    /**
     * Completes once every point offered so far has left memory: written to InfluxDB, synced to
     * the disk spool, or lost (see {@link #anyLost}). Completes on the writer thread.
     *
     * <p>A waiter gets a flush as soon as the writer thread is free, not after a delay (group
     * commit): while one write is on its way the points behind it gather, and the next write takes
     * them all, so batches grow with the load by themselves. A delay instead adds itself to every
     * acknowledgement, twice for a message that arrives during a write: with a 5 ms delay one MQTT
     * connection with 10 messages in flight got 196 msg/s, with none 697 (bench/README.md).
     */
    public CompletableFuture<Void> whenSettled() {
        CompletableFuture<Void> done = settlement.whenSettled();
        if (!done.isDone() && flushForWaiterPending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    flushForWaiterPending.set(false);
                    pump(true);
                });
            } catch (RejectedExecutionException closing) {
                flushForWaiterPending.set(false);
            }
        }
        return done;
    }

    /**
     * Why the writer cannot take more now, or null: its queue is 80 % full, or the spool is nearly
     * full. Ingress refuses new messages meanwhile (backpressure) instead of letting them be dropped.
     */
    public String backlog() {
        String spoolFull = sink.spoolBacklog();
        if (spoolFull != null) {
            return spoolFull;
        }
        if (queue.size() >= config.maxQueuedPoints() / 10 * 8) {
            return "the InfluxDB write queue holds " + queue.size() + " of " + config.maxQueuedPoints() + " points";
        }
        return null;
    }

    /** Points waiting to be written, including a batch being retried. */
    public int queued() {
        return queue.size() + pendingSize;
    }

    /** Whether the disk spool has refused a batch for lack of room (health shows this as degraded). */
    public boolean spoolFull() {
        return sink.spoolFull();
    }

    /** Points waiting in the disk spool (0 without a spool). */
    public long spooled() {
        return sink.spooled();
    }

    /** Whether InfluxDB answers {@code /ping}; runs on the writer thread, never on the caller's. */
    public CompletableFuture<Boolean> ping() {
        try {
            return CompletableFuture.supplyAsync(sink::ping, executor);
        } catch (RejectedExecutionException closedAlready) {
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Flushes what is queued, waiting at most {@link #DEFAULT_CLOSE_TIMEOUT}, then stops the writer thread. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /** Flushes what is queued, retrying until {@code timeout}; what is still unwritten then is counted as dropped. */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            executor.execute(() -> flushForClose(deadline));
            executor.shutdown();
            if (!executor.awaitTermination(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                LOG.error("InfluxDB writer did not finish within {}; {} points are lost", timeout, queued());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            sink.close();
            metrics.close();
        }
    }

    private boolean enqueue(Point point) {
        if (!closed.get() && queue.offer(point)) {
            return true;
        }
        metrics.dropped.increment();
        warnAboutDrops();
        return false;
    }

    /** At most one warning a minute: when InfluxDB is down for long, every point would log. */
    private void warnAboutDrops() {
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if (now - last >= DROP_WARN_INTERVAL_NANOS && lastDropWarning.compareAndSet(last, now)) {
            LOG.warn("dropping points for InfluxDB at {}: {} ({} dropped since start)", where,
                    closed.get() ? "the writer is closed" : "the queue is full (" + config.maxQueuedPoints()
                            + " points): InfluxDB is down or too slow", (long) metrics.dropped.count());
        }
    }

    private void wakeIfBatchReady() {
        if (queue.size() >= config.batchSize() && kickPending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    kickPending.set(false);
                    pump(false);
                });
            } catch (RejectedExecutionException closing) {
                kickPending.set(false);
            }
        }
    }

    /**
     * One round of writing on the writer thread. {@code flushPartial}: also write a batch smaller
     * than batchSize (the periodic flush); otherwise only full batches (woken by offer). Writes at
     * most what was queued when it began, so that pings and the periodic flush get their turn.
     */
    private void pump(boolean flushPartial) {
        try {
            if (closed.get()) {
                return;
            }
            if (backoff.waiting(System.nanoTime())) {
                spoolEverything();
                return;
            }
            sink.prepare();
            int budget = queued();
            while (budget > 0) {
                if (pending.isEmpty() && (flushPartial || queue.size() >= config.batchSize())) {
                    pending = takeBatch();
                }
                if (pending.isEmpty()) {
                    break;
                }
                budget -= pending.size();
                writePending();
            }
            if (backoff.failing()) {
                LOG.info("InfluxDB at {} accepts writes again", where);
            }
            backoff.succeeded();
            wakeIfBatchReady();
        } catch (RuntimeException | LinkageError e) {
            // a throw out of a periodic task would silently cancel it: every failure ends here
            metrics.writeFailures.increment();
            Duration delay = backoff.failed(System.nanoTime());
            LOG.warn("InfluxDB at {} failed ({}); keeping {} points, next try in {} s", where, e.toString(),
                    queued() + spooled(), delay.toSeconds());
            spoolEverything();
        }
    }

    /** Moves the pending batch and the whole queue to the disk spool, in order. */
    private void spoolEverything() {
        if (!sink.spools()) {
            return;
        }
        if (!pending.isEmpty()) {
            settle(pending.size(), sink.spool(pending));
            pending = List.of();
            pendingSize = 0;
        }
        while (!queue.isEmpty()) {
            List<Point> batch = takeBatch();
            settle(batch.size(), sink.spool(batch));
            pendingSize = 0;
        }
    }

    /** The next {@code points} of the queue left memory, stored or not: their acknowledgements may go. */
    private void settle(int points, boolean stored) {
        if (stored) {
            settlement.settled(points);
        } else {
            settlement.lost(points);
        }
    }

    private List<Point> takeBatch() {
        List<Point> batch = new ArrayList<>(Math.min(config.batchSize(), Math.max(queue.size(), 1)));
        queue.drainTo(batch, config.batchSize());
        pendingSize = batch.size();
        return batch;
    }

    /** Writes the pending batch; it stays pending (for a retry) when the write throws. */
    private void writePending() {
        settle(pending.size(), sink.write(pending));
        pending = List.of();
        pendingSize = 0;
    }

    /**
     * The last flush before the thread stops. With a spool: one attempt, and whatever InfluxDB does
     * not take now is spooled for the next start. Without: retries until the deadline, then counts
     * the rest as dropped.
     */
    private void flushForClose(long deadline) {
        if (sink.spools()) {
            try {
                sink.prepare();
                while (!pending.isEmpty() || !queue.isEmpty()) {
                    if (pending.isEmpty()) {
                        pending = takeBatch();
                    }
                    writePending();
                }
            } catch (RuntimeException e) {
                spoolEverything();
                LOG.info("closing: InfluxDB at {} unavailable ({}); {} points stay spooled for the next start",
                        where, e.getMessage(), sink.spooled());
            }
        }
        while ((!pending.isEmpty() || !queue.isEmpty()) && System.nanoTime() - deadline < 0) {
            try {
                sink.ensureDatabase();
                if (pending.isEmpty()) {
                    pending = takeBatch();
                }
                writePending();
            } catch (RuntimeException e) {
                if (!pauseBeforeRetry(deadline)) {
                    break;
                }
            }
        }
        int lost = queued();
        settlement.lost(lost);
        if (lost > 0) {
            metrics.dropped.increment(lost);
            LOG.error("closing: {} points could not be written to InfluxDB at {} and are lost", lost, where);
        }
        queue.clear();
        pending = List.of();
        pendingSize = 0;
    }

    private static boolean pauseBeforeRetry(long deadline) {
        long remaining = deadline - System.nanoTime();
        try {
            Thread.sleep(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), 500)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
