package io.parkops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One QoS 1 subscriber to {@code telemetry/#} that only counts: the broker → one subscriber
 * ceiling. It is Mosquitto's own C client, {@code mosquitto_sub -q 1}, so that the ceiling is the
 * broker's and not a Java client's: on this machine a HiveMQ-client subscriber, even with its
 * callback on the Netty thread, fell behind above about 10,000 msg/s while mosquitto_sub took
 * about 19,800 (bench/README.md). It prints one line per message (the JSON payloads hold no
 * newline); a thread counts the newlines.
 */
final class BrokerSubscriber implements AutoCloseable {

    private final AtomicLong received = new AtomicLong();
    private final Process process;

    BrokerSubscriber(String host, int port) throws IOException, InterruptedException {
        process = new ProcessBuilder("mosquitto_sub", "-h", host, "-p", String.valueOf(port), "-q", "1", "-i", "bench-ceiling-sub",
                "-t", "telemetry/#").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread counter = new Thread(this::count, "bench-ceiling-sub");
        counter.setDaemon(true);
        counter.start();
        Thread.sleep(500); // subscribed before the first step; a message missed here would show as loss
        if (!process.isAlive()) {
            throw new IOException("mosquitto_sub exited at once with " + process.exitValue() + " (is mosquitto-clients installed?)");
        }
    }

    private void count() {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = process.getInputStream()) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                long lines = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                received.addAndGet(lines);
            }
        } catch (IOException closed) {
            // the subscriber was stopped
        }
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
