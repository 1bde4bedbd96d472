package io.parkops.twins.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps twins durable in one H2 MVStore file. Writers only mark a twin dirty; a single worker
 * thread writes the latest version of every dirty twin and commits, once per interval, so ingest
 * never waits for the disk. MVStore is copy-on-write with an append-only chunk log: after a
 * {@code kill -9} it reopens at the last committed version, so at most one interval is lost.
 */
public final class TwinPersistence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinPersistence.class);
    private static final String FILE = "twins.mv.db";

    private final MVStore store;
    private final MVMap<String, String> things;
    private final MVMap<String, String> extras;
    private static final Object DELETED = new Object();

    /** Key "t:{thingId}" or "x:{key}" to the latest Thing / JsonObject, or DELETED; serialised on the worker. */
    private final Map<String, Object> dirty = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker;

    private TwinPersistence(Path dir, Duration interval) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create twin store folder " + dir + ": " + e.getMessage(), e);
        }
        this.store = new MVStore.Builder().fileName(dir.resolve(FILE).toString()).autoCommitDisabled().open();
        this.things = store.openMap("things");
        this.extras = store.openMap("extras");
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twin-store-commit");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        worker.scheduleWithFixedDelay(this::commitSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the store in {@code dir}, committing dirty twins every {@code interval}. */
    public static TwinPersistence open(Path dir, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("commit interval must be positive, was " + interval);
        }
        return new TwinPersistence(dir, interval);
    }

    /** Every twin in the file, as last committed. */
    public List<Thing> loadThings() {
        List<Thing> all = new ArrayList<>(things.size());
        things.forEach((id, json) -> all.add(ThingsModelFactory.newThing(JsonFactory.readFrom(json).asObject())));
        return all;
    }

    /** Side data kept next to the twins (desired-property states), keyed by name. */
    public Map<String, JsonObject> loadExtras() {
        Map<String, JsonObject> all = new java.util.HashMap<>();
        extras.forEach((key, json) -> all.put(key, JsonFactory.readFrom(json).asObject()));
        return all;
    }

    /** Marks a twin for the next batch; {@code null} deletes it. Cheap and never blocks. */
    public void stage(String thingId, Thing thing) {
        dirty.put("t:" + thingId, thing == null ? DELETED : thing);
    }

    /** Marks a twin for the next batch, to be built when the batch is written (once, however often it changed). */
    public void stage(String thingId, Supplier<Thing> thing) {
        dirty.put("t:" + thingId, thing);
    }

    /** Marks an extra record for the next batch; {@code null} deletes it. */
    public void stageExtra(String key, JsonObject value) {
        dirty.put("x:" + key, value == null ? DELETED : value);
    }

    /** Commits now (on the worker) and completes when what was staged before the call is on disk. */
    public CompletableFuture<Void> commitSoon() {
        return CompletableFuture.runAsync(this::commitSafely, worker);
    }

    private void commitSafely() {
        try {
            commit();
        } catch (RuntimeException e) {
            LOG.error("twin store commit failed; the changes stay staged and are retried", e);
        }
    }

    private synchronized void commit() {
        if (dirty.isEmpty() || store.isClosed()) {
            return;
        }
        for (String key : new ArrayList<>(dirty.keySet())) {
            Object value = dirty.remove(key);
            MVMap<String, String> map = key.startsWith("t:") ? things : extras;
            String id = key.substring(2);
            if (value == DELETED) {
                map.remove(id);
            } else if (value instanceof Thing thing) {
                map.put(id, json(thing));
            } else if (value instanceof Supplier<?> later) {
                map.put(id, json((Thing) later.get()));
            } else if (value != null) {
                map.put(id, value.toString());
            }
        }
        store.commit();
    }

    private static String json(Thing thing) {
        return thing.toJson(thing.getImplementedSchemaVersion(), FieldType.regularOrSpecial()).toString();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
        store.close();
    }

}
