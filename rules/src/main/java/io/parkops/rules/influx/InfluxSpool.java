package io.parkops.rules.influx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A crash-safe FIFO of line-protocol batches on disk (H2 MVStore). Each batch is committed and
 * synced before {@link #append} returns, so a batch handed to the spool survives {@code kill -9}.
 * Batches are replayed oldest first; a replayed batch is removed only after InfluxDB took it, so
 * a crash during replay writes it again, which InfluxDB treats as the same points (same series
 * and timestamp overwrite), never as duplicates.
 *
 * <p>Used from the writer thread only.
 */
final class InfluxSpool implements AutoCloseable {

    /** One spooled batch. */
    record Batch(long seq, List<String> lines) {
    }

    private final MVStore store;
    private final MVMap<Long, String> batches;
    private final long maxBytes;
    private long bytes;
    private long points;
    private boolean refusedSinceLastRemove;

    InfluxSpool(SpoolConfig config) {
        try {
            Files.createDirectories(config.file().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool folder " + config.file().getParent(), e);
        }
        this.store = new MVStore.Builder().fileName(config.file().toString()).autoCommitDisabled().open();
        this.batches = store.openMap("batches");
        this.maxBytes = config.maxBytes();
        for (String batch : batches.values()) {
            bytes += batch.length();
            points += countLines(batch);
        }
    }

    /** Stores a batch; false when it does not fit in the bound (nothing stored then). */
    boolean append(List<String> lines) {
        if (lines.isEmpty()) {
            return true;
        }
        String batch = String.join("\n", lines);
        if (bytes + batch.length() > maxBytes) {
            refusedSinceLastRemove = true;
            return false;
        }
        Long last = batches.lastKey();
        batches.put(last == null ? 1L : last + 1, batch);
        store.commit();
        store.sync();
        bytes += batch.length();
        points += lines.size();
        return true;
    }

    /** The oldest batch, or null when the spool is empty. */
    Batch oldest() {
        Long first = batches.firstKey();
        return first == null ? null : new Batch(first, List.of(batches.get(first).split("\n")));
    }

    void remove(Batch batch) {
        String removed = batches.remove(batch.seq());
        if (removed != null) {
            store.commit();
            bytes -= removed.length();
            points -= batch.lines().size();
            refusedSinceLastRemove = false;
        }
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Whether a batch was refused for lack of room and nothing has been replayed since. */
    boolean isFull() {
        return refusedSinceLastRemove;
    }

    /** Less than a tenth of the bound left: ingress stops taking messages so that what is on its way still fits. */
    boolean nearlyFull() {
        return bytes >= maxBytes - maxBytes / 10;
    }

    long maxBytes() {
        return maxBytes;
    }

    long bytes() {
        return bytes;
    }

    long points() {
        return points;
    }

    int batches() {
        return batches.size();
    }

    @Override
    public void close() {
        store.close();
    }

    /** For crash tests: closes the file without a final commit, as a killed process would leave it. */
    void closeAbruptly() {
        store.closeImmediately();
    }

    private static long countLines(String batch) {
        return batch.chars().filter(c -> c == '\n').count() + 1;
    }
}
