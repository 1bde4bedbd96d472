package io.parkops.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link KafkaServer} in a JVM of its own, for tests that take Kafka away from a running
 * platform: {@link #pause} (SIGSTOP: connections stay open, nothing answers), {@link #resume},
 * {@link #kill} (SIGKILL) and {@link #restart} on the same folder and port. Output goes to
 * {@code kafka.log} in its folder.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private Process process;

    private KafkaProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker on a free port with its log under {@code dir}; returns once it prints {@link KafkaServer#READY}. */
    public static KafkaProcess start(Path dir) throws IOException, InterruptedException {
        KafkaProcess kafka = new KafkaProcess(dir, FreePort.tcp());
        kafka.launch();
        return kafka;
    }

    public String bootstrap() {
        return KafkaServer.bootstrap(port);
    }

    /** SIGSTOP: the broker holds its connections but answers nothing, as a hung or partitioned broker does. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGKILL, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Kafka process " + process.pid() + " did not die");
        }
    }

    /** Starts it again on the same folder (its log and topics) and port. */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            try {
                resume(); // a stopped JVM cannot act on SIGTERM
            } catch (IOException | RuntimeException e) {
                // it is killed below anyway
            }
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("kafka.log");
        long from = Files.exists(log) ? Files.size(log) : 0; // a restart appends to the log of the last run
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), KafkaServer.class.getName(), dir.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log).substring((int) from).contains(KafkaServer.READY)) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                process.destroyForcibly();
                List<String> lines = Files.readAllLines(log);
                throw new IllegalStateException("Kafka in " + dir + " did not start: "
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
            Thread.sleep(100);
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }
}
