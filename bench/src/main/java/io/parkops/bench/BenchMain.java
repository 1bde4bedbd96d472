package io.parkops.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./parkops bench}: runs the whole benchmark on this machine and writes the report
 * ({@code docs/benchmarks.md} by default). Run from the repository root (the script does that):
 * it uses {@code infra/local/*.sh}, {@code platform/target/parkops.jar} and this jar.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(BenchOptions.usage());
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("parkops bench: " + e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("platform/target/parkops.jar")) || !Files.exists(root.resolve("infra/local/influxdb.sh"))) {
            System.err.println("parkops bench: run it through ./parkops bench from the ParkOps directory (needs platform/target/parkops.jar)");
            System.exit(2);
        }
        Path dir = BenchRun.tempDir();
        System.out.println("bench: working folder " + dir + " (logs of every process)");
        Path out = options.out().isAbsolute() ? options.out() : root.resolve(options.out());
        String before = Files.exists(out) ? Files.readString(out) : "";
        if (options.cluster()) {
            ClusterResults results = new ClusterBench(options, root, dir).run();
            Files.writeString(out, ReportSections.put(before, ClusterReport.HEADING, new ClusterReport(options, results).render()));
            System.out.println("bench: cluster section written to " + out + " (" + Math.round(results.wallSeconds) + " s)");
            deleteData(dir);
            boolean failedOver = results.failover == null || results.failover.passed();
            if (!failedOver || !results.notes.isEmpty()) {
                System.err.println("bench: the cluster bench " + (!failedOver ? "FAILOVER FAILED (acknowledged messages lost, or no "
                        + "takeover in time)" : "did not measure every part") + ": see the report's cluster section and " + dir);
                System.exit(1);
            }
            System.exit(0);
        }
        BenchResults results = new BenchRun(options, root, dir).run();
        // the cluster section comes from ./parkops bench --cluster: a normal run keeps it
        Files.writeString(out, ReportSections.keep(before, new Report(options, results).render(), ClusterReport.HEADING));
        System.out.println("bench: report written to " + out + " (" + Math.round(results.wallSeconds) + " s)");
        deleteData(dir);
        System.exit(0);
    }

    /**
     * The platforms' data (broker sessions of thousands of idle clients can take gigabytes) is not
     * needed once the report exists; the logs stay.
     */
    private static void deleteData(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> platforms = Files.list(dir)) {
            for (Path p : platforms.filter(p -> p.getFileName().toString().startsWith("platform")).toList()) {
                deleteTree(p.resolve("data"));
            }
        }
        deleteTree(dir.resolve("kafka/broker-1/log"));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
