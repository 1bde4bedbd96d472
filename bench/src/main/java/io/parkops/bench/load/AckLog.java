package io.parkops.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every acknowledged message of a run, {@code deviceId deviceTimestamp} per line: the bench's
 * failover check looks each one up in InfluxDB (a device's timestamps are unique, so the pair names
 * one message and one point). Kept in memory and written once at the end, off the PUBACK path.
 */
final class AckLog {

    private final Path file;
    private final StringBuilder lines = new StringBuilder(1 << 20);

    AckLog(Path file) {
        this.file = file;
    }

    /** One acknowledged message, from the MQTT topic it went to ({@code telemetry/{tenant}/{deviceId}}). */
    synchronized void add(String topic, long deviceTimestamp) {
        lines.append(topic, topic.lastIndexOf('/') + 1, topic.length()).append(' ').append(deviceTimestamp).append('\n');
    }

    synchronized void write() throws IOException {
        Files.writeString(file, lines, StandardCharsets.US_ASCII);
    }
}
