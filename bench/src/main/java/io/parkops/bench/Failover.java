package io.parkops.bench;

import io.parkops.bench.load.LoadArgs;
import io.parkops.bench.load.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Two nodes under constant QoS 1 load, one killed with {@code kill -9}: how long until the survivor
 * runs the rules of every partition, holds every partition of the InfluxDB writer group and has
 * worked off the backlog, and how many acknowledged messages are not in InfluxDB (must be 0).
 *
 * <p>The load generator connects half the devices to each node and records every message a PUBACK
 * answered ({@code deviceId deviceTimestamp}); the victim's devices reconnect to the survivor. A
 * device's timestamps are unique, and InfluxDB keys a point by series and time, so each
 * acknowledged message is looked up as its own point.
 */
final class Failover {

    /**
     * What one failover measured; times in seconds from the kill, -1 when it did not happen in time.
     *
     * @param lagBefore the writer group's largest lag (records, both nodes) sampled before the kill: the
     *                  level "caught up" returns to while the load goes on
     */
    record Result(int rate, int seconds, int killAfter, LoadResult load, long acknowledged, long lost, List<String> lostSample,
                  double rulesAfter, double writerAfter, double caughtUpAfter, long lagBefore, double drainedAfterLoadEnd,
                  int partitions) {

        /** Nothing acknowledged was lost and the survivor took every partition over in time. */
        boolean passed() {
            return lost == 0 && acknowledged > 0 && rulesAfter >= 0 && writerAfter >= 0;
        }
    }

    private static final long POLL_MS = 100;
    private static final long SETTLE_TIMEOUT_MS = 120_000;

    private final Path benchJar;
    private final Path log;
    private final Influx influx;
    private final String db;
    private final int partitions;

    Failover(Path benchJar, Path log, Influx influx, String db, int partitions) {
        this.benchJar = benchJar;
        this.log = log;
        this.influx = influx;
        this.db = db;
        this.partitions = partitions;
    }

    Result run(PlatformProcess victim, PlatformProcess survivor, int devices, int rate, int seconds, int killAfter, Path ackedFile)
            throws IOException, InterruptedException {
        LoadArgs args = new LoadArgs("mqtt", "127.0.0.1", victim.mqttPort(), rate, seconds, devices, PlatformProcess.TENANT,
                PlatformProcess.DEVICE_PREFIX, devices, 2000, 0, List.of(victim.mqttPort(), survivor.mqttPort()), ackedFile.toString());
        System.out.printf("bench: failover: %d msg/s QoS 1 for %d s over %d devices on both nodes, kill -9 of one after %d s%n",
                rate, seconds, devices, killAfter);
        LoadResult load;
        Takeover takeover;
        try (LoadGenProcess gen = LoadGenProcess.start(benchJar, log, args)) {
            long lagBefore = lagUntilKill(victim, survivor, killAfter);
            long killed = System.nanoTime();
            victim.kill();
            System.out.println("bench: failover: node killed (kill -9); writer lag before the kill at most " + lagBefore + " records");
            takeover = takeover(survivor, killed, lagBefore, System.currentTimeMillis() + (seconds - killAfter) * 1000L + SETTLE_TIMEOUT_MS);
            load = gen.result();
        }
        double drained = drainedAfter(survivor);
        System.out.printf("bench: failover: load over (%d sent, %d acknowledged, %d failed); writer lag 0 %.1f s after its end%n",
                load.sent(), load.accepted(), load.failed(), drained);
        return check(load, ackedFile, rate, seconds, killAfter, takeover, drained);
    }

    /** Seconds from the kill until the survivor ran every partition's rules, held every writer partition, had its lag back. */
    private record Takeover(double rulesAfter, double writerAfter, double caughtUpAfter, long lagBefore) {
    }

    /** Samples both nodes' writer lag until the kill is due; returns the largest sum seen. */
    private static long lagUntilKill(PlatformProcess victim, PlatformProcess survivor, int killAfter) throws InterruptedException {
        long lagBefore = 0;
        long until = System.nanoTime() + killAfter * 1_000_000_000L;
        while (System.nanoTime() < until) {
            lagBefore = Math.max(lagBefore, NodeHealth.of(victim).writerLag() + NodeHealth.of(survivor).writerLag());
            Thread.sleep(250);
        }
        return lagBefore;
    }

    private Takeover takeover(PlatformProcess survivor, long killed, long lagBefore, long deadline) throws InterruptedException {
        double rulesAfter = -1;
        double writerAfter = -1;
        double caughtUpAfter = -1;
        while (caughtUpAfter < 0 && System.currentTimeMillis() < deadline) {
            NodeHealth h = NodeHealth.of(survivor);
            double t = (System.nanoTime() - killed) / 1e9;
            if (rulesAfter < 0 && h.rulePartitions().size() == partitions) {
                rulesAfter = t;
                System.out.printf("bench: failover: the survivor runs the rules of all %d partitions after %.1f s%n", partitions, t);
            }
            if (writerAfter < 0 && h.writerPartitions().size() == partitions) {
                writerAfter = t;
                System.out.printf("bench: failover: the survivor holds all %d writer partitions after %.1f s%n", partitions, t);
            }
            if (rulesAfter >= 0 && h.holdsAll(partitions) && h.writerLag() <= lagBefore) {
                caughtUpAfter = t;
                System.out.printf("bench: failover: writer lag back to %d records (≤ %d before the kill) after %.1f s%n",
                        h.writerLag(), lagBefore, t);
            }
            Thread.sleep(POLL_MS);
        }
        return new Takeover(rulesAfter, writerAfter, caughtUpAfter, lagBefore);
    }

    /** Seconds from now until the survivor holds everything with a writer lag of 0, -1 if not within the timeout. */
    private double drainedAfter(PlatformProcess survivor) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < SETTLE_TIMEOUT_MS * 1_000_000L) {
            NodeHealth h = NodeHealth.of(survivor);
            if (h.holdsAll(partitions) && h.writerLag() == 0) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(POLL_MS);
        }
        return -1;
    }

    private Result check(LoadResult load, Path ackedFile, int rate, int seconds, int killAfter, Takeover takeover, double drained)
            throws IOException, InterruptedException {
        List<String> acked = Files.readAllLines(ackedFile);
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (String line : acked) {
            long ts = Long.parseLong(line.substring(line.indexOf(' ') + 1));
            from = Math.min(from, ts);
            to = Math.max(to, ts);
        }
        Set<String> stored = acked.isEmpty() ? Set.of() : influx.points(db, "environment", "humidity", from, to);
        List<String> lost = new ArrayList<>();
        for (String line : acked) {
            if (!stored.contains(PlatformProcess.TENANT + ":" + line)) {
                lost.add(line);
            }
        }
        if (!lost.isEmpty()) {
            System.err.println("bench: FAILOVER FAILED: " + lost.size() + " of " + acked.size()
                    + " acknowledged messages are not in InfluxDB, e.g. " + lost.subList(0, Math.min(5, lost.size())));
        } else {
            System.out.println("bench: failover: every one of the " + acked.size() + " acknowledged messages is in InfluxDB");
        }
        return new Result(rate, seconds, killAfter, load, acked.size(), lost.size(), lost.subList(0, Math.min(5, lost.size())),
                takeover.rulesAfter(), takeover.writerAfter(), takeover.caughtUpAfter(), takeover.lagBefore(), drained, partitions);
    }
}
