package io.parkops.bench;

import io.parkops.bench.load.LoadArgs;
import io.parkops.bench.load.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs one load step and checks it: load generator in its own JVM, CPU of every process over the
 * sending window, then waits (bounded) until the points with the step's device timestamps are
 * counted in InfluxDB and, for ParkOps, until as many twin changes as accepted messages were seen.
 */
final class StepRunner {

    /**
     * Where a step's messages should end up.
     *
     * @param layout how the step's devices reach it (connections, devices, messages in flight)
     * @param ports  MQTT ports the connections are spread over (several cluster nodes), the first is {@code port}
     */
    record Target(String name, String host, int port, String influxDb, StreamWatcher watcher, LongSupplier received,
                  Layout layout, List<Integer> ports) {
        Target(String name, String host, int port, String influxDb, StreamWatcher watcher, LongSupplier received) {
            this(name, host, port, influxDb, watcher, received, Layout.SHARED);
        }

        Target(String name, String host, int port, String influxDb, StreamWatcher watcher, LongSupplier received, Layout layout) {
            this(name, host, port, influxDb, watcher, received, layout, List.of(port));
        }
    }

    /**
     * How a step's devices reach the target (MQTT).
     *
     * @param perDevice   each device its own connection (as with device logins on ParkOps's endpoint)
     * @param connections otherwise: this many connections carry all devices
     * @param devices     the devices the load is spread over (0: all of the run's)
     * @param inflight    messages without their PUBACK at most, over all connections
     */
    record Layout(boolean perDevice, int connections, int devices, int inflight) {
        /** {@value #SHARED_CONNECTIONS} connections carry all devices, as in the reference measurement. */
        static final Layout SHARED = new Layout(false, SHARED_CONNECTIONS, 0, 2000);
        static final Layout PER_DEVICE = new Layout(true, 0, 0, 2000);

        /** A gateway: one connection publishing for {@code devices} devices with {@code inflight} QoS 1 messages in flight. */
        static Layout gateway(int devices, int inflight) {
            return new Layout(false, 1, devices, inflight);
        }
    }

    static final int SHARED_CONNECTIONS = 4;

    private static final long DRAIN_TIMEOUT_MS = 30_000;
    private static final long RECOUNT_TIMEOUT_MS = 180_000;
    private static final long RECOUNT_QUIET_MS = 10_000;
    private final Path benchJar;
    private final Path log;
    private final Influx influx;
    private final Map<String, Long> pids;
    private final int devices;

    StepRunner(Path benchJar, Path log, Influx influx, Map<String, Long> pids, int devices) {
        this.benchJar = benchJar;
        this.log = log;
        this.influx = influx;
        this.pids = pids;
        this.devices = devices;
    }

    StepResult run(Target target, String protocol, int rate, int seconds) throws IOException, InterruptedException {
        int alertEvery = target.watcher() != null ? 100 : 0;
        Layout layout = target.layout();
        int spread = layout.devices() > 0 ? Math.min(layout.devices(), devices) : devices;
        LoadArgs args = new LoadArgs(protocol, target.host(), target.port(), rate, seconds, spread, PlatformProcess.TENANT,
                PlatformProcess.DEVICE_PREFIX, layout.perDevice() ? spread : layout.connections(), layout.inflight(), alertEvery,
                target.ports(), "");
        long twinsBefore = target.watcher() == null ? 0 : target.watcher().twinEvents();
        long receivedBefore = target.received() == null ? 0 : target.received().getAsLong();
        if (target.watcher() != null) {
            target.watcher().takeTwinLatency();
            target.watcher().takeAlertLatency();
        }
        LoadResult load;
        Map<String, Double> cores;
        try (LoadGenProcess gen = LoadGenProcess.start(benchJar, log, args)) {
            Map<String, Long> all = new LinkedHashMap<>(pids);
            all.put("load generator", gen.pid());
            Map<String, Double> before = Cpu.snapshot(all);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            cores = Cpu.cores(before, Cpu.snapshot(all), (System.nanoTime() - t0) / 1e9);
            load = gen.result();
        }
        long stored = target.influxDb() == null ? -1 : drainInflux(target.influxDb(), load);
        long twins = -1;
        if (target.watcher() != null) {
            twins = drain(() -> target.watcher().twinEvents() - twinsBefore, load.accepted());
        } else if (target.received() != null) {
            twins = drain(() -> target.received().getAsLong() - receivedBefore, load.accepted());
        }
        Histogram twinLatency = target.watcher() == null ? null : target.watcher().takeTwinLatency();
        Histogram alertLatency = target.watcher() == null ? null : target.watcher().takeAlertLatency();
        StepResult r = new StepResult(target.name(), protocol, rate, load, stored, twins, cores, twinLatency, alertLatency);
        System.out.printf("bench: %-9s %-4s %6d msg/s offered: sent %d (%.0f/s), accepted %d, refused %d, stored %d, twins/received %d, lost %d%n",
                target.name(), protocol, rate, load.sent(), load.sentPerSecond(), load.accepted(), load.refused(), stored, twins,
                r.lost());
        return r;
    }

    /**
     * Steps the offered rate up until a step does not keep up (one failing step ends the search),
     * after one unreported warm-up step: in a cold JVM the JIT compilers took more CPU than
     * ParkOps's own code (C2 used 0.6 cores at 1,000 msg/s), which the first steps would otherwise
     * have measured. Each step's points are counted again once the target worked off its backlog.
     */
    List<StepResult> saturate(Target target, String protocol, List<Integer> rates, int seconds, int warmUpRate, int warmUpSeconds)
            throws IOException, InterruptedException {
        warmUp(target, protocol, warmUpRate, warmUpSeconds);
        List<StepResult> done = new java.util.ArrayList<>();
        for (int rate : rates) {
            StepResult r = run(target, protocol, rate, seconds);
            done.add(r);
            if (!r.sustained()) {
                break;
            }
        }
        return recount(done, target.influxDb());
    }

    /** One step that is not reported (see {@link #saturate}); Node-RED gets the same. */
    void warmUp(Target target, String protocol, int rate, int seconds) throws IOException, InterruptedException {
        System.out.printf("bench: warm-up of %s over %s (%d s at %d msg/s, not reported)%n", target.name(), protocol, seconds, rate);
        run(target, protocol, rate, seconds);
    }

    private long drainInflux(String db, LoadResult load) throws InterruptedException {
        return drain(() -> count(db, load), load.accepted());
    }

    /**
     * Counts each step's points again once the target has worked off any backlog (waits until the
     * count of the last step reaches what was accepted or stops moving for 10 s, at most 3 minutes).
     * A step that fell behind then shows its points as late rather than lost.
     */
    List<StepResult> recount(List<StepResult> steps, String db) throws InterruptedException {
        if (db == null || steps.isEmpty()) {
            return steps;
        }
        StepResult last = steps.get(steps.size() - 1);
        System.out.printf("bench: waiting for %s to work off its backlog before counting again%n", last.target());
        drain(() -> count(db, last.load()), last.load().accepted(), RECOUNT_TIMEOUT_MS, RECOUNT_QUIET_MS);
        List<StepResult> out = new java.util.ArrayList<>();
        for (StepResult s : steps) {
            out.add(s.stored() < 0 ? s : s.withStoredFinally(count(db, s.load())));
        }
        return out;
    }

    private long count(String db, LoadResult load) {
        try {
            return influx.count(db, "environment", "humidity", load.firstTs(), load.lastTs());
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls until {@code value} reaches {@code expected} or stops moving for 3 s (at most 30 s). */
    private static long drain(LongSupplier value, long expected) throws InterruptedException {
        return drain(value, expected, DRAIN_TIMEOUT_MS, 3000);
    }

    private static long drain(LongSupplier value, long expected, long timeoutMs, long quietMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long last = -2;
        long lastChange = System.currentTimeMillis();
        while (true) {
            long v = value.getAsLong();
            if (v >= expected || System.currentTimeMillis() > deadline) {
                return v;
            }
            if (v != last) {
                last = v;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > quietMs) {
                return v;
            }
            Thread.sleep(250);
        }
    }
}
