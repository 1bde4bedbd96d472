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
        BenchResults results = new BenchRun(options, root, dir).run();
        Path out = options.out().isAbsolute() ? options.out() : root.resolve(options.out());
        Files.writeString(out, new Report(options, results).render());
        System.out.println("bench: report written to " + out + " (" + Math.round(results.wallSeconds) + " s)");
        // The platforms' data (broker sessions of thousands of idle clients can take gigabytes) is
        // not needed once the report exists; the logs stay.
        deleteTree(dir.resolve("platform/data"));
        deleteTree(dir.resolve("platform-mosquitto/data"));
        System.exit(0);
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
