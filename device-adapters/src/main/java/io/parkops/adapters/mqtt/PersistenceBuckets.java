package io.parkops.adapters.mqtt;

import com.hivemq.configuration.service.InternalConfigurations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How many buckets HiveMQ CE splits each of its file persistences into. HiveMQ's 64 (one Xodus or
 * RocksDB environment each, for sessions, subscriptions, queues, retained messages and payloads)
 * took about 0.8 s of a 6 s start on 2 cores; ParkOps's broker persists only sessions and their
 * queued commands and alerts, never telemetry, so a new data dir gets {@link #FOR_NEW_DATA}.
 * The count is recorded beside the persistence and kept for that data dir: data written with 64
 * buckets (before this choice, or by another version) is read with 64.
 */
final class PersistenceBuckets {

    static final int FOR_NEW_DATA = 4;
    static final int HIVEMQ_DEFAULT = 64;
    static final String MARKER = "parkops-persistence-buckets";

    private PersistenceBuckets() {
    }

    /** The bucket count for the broker's data folder {@code data}, recorded there on first use. */
    static int choose(Path data) throws IOException {
        Path marker = data.resolve(MARKER);
        if (Files.exists(marker)) {
            String text = Files.readString(marker, StandardCharsets.US_ASCII).strip();
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IOException(marker + " should hold the broker's persistence bucket count, holds '" + text + "'");
            }
        }
        int buckets;
        try (Stream<Path> existing = Files.list(data)) {
            buckets = existing.findAny().isPresent() ? HIVEMQ_DEFAULT : FOR_NEW_DATA;
        }
        Files.writeString(marker, buckets + "\n", StandardCharsets.US_ASCII);
        return buckets;
    }

    /** Sets the count for the broker about to start (HiveMQ reads it once, at start). */
    static void apply(int buckets) {
        InternalConfigurations.PERSISTENCE_BUCKET_COUNT.set(buckets);
        InternalConfigurations.PAYLOAD_PERSISTENCE_BUCKET_COUNT.set(buckets);
    }
}
