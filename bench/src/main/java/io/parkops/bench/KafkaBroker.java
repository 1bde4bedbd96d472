package io.parkops.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One Apache Kafka broker (KRaft, broker and controller in one JVM) for a cluster bench, started
 * with the repository's {@code infra/local/kafka.sh} on free ports in the run's folder and stopped
 * at the end. Its pid (for its CPU) is in the pid file the script keeps.
 */
final class KafkaBroker implements AutoCloseable {

    private final Path root;
    private final Path dir;
    private final Path log;
    private String bootstrap;
    private boolean started;

    KafkaBroker(Path root, Path dir, Path log) {
        this.root = root;
        this.dir = dir;
        this.log = log;
    }

    /** Starts it (the script waits until it takes clients) and returns its bootstrap address. */
    String start() throws IOException, InterruptedException {
        started = true;
        String out = Procs.run(root, log, 180, List.of("infra/local/kafka.sh", "start", "--dir", dir.toString(), "--port", "auto"));
        String[] lines = out.trim().split("\n");
        bootstrap = lines[lines.length - 1].trim();
        if (!bootstrap.matches("127\\.0\\.0\\.1:\\d+")) {
            throw new IOException("infra/local/kafka.sh start printed no bootstrap address (last line '" + bootstrap + "'; see " + log + ")");
        }
        return bootstrap;
    }

    long pid() throws IOException {
        return Procs.pidFromFile(dir.resolve("broker-1/kafka.pid"));
    }

    @Override
    public void close() {
        if (!started) {
            return;
        }
        try {
            Procs.run(root, log, 60, List.of("infra/local/kafka.sh", "stop", "--dir", dir.toString()));
        } catch (IOException | InterruptedException e) {
            System.err.println("bench: could not stop Kafka: " + e.getMessage());
        }
    }
}
