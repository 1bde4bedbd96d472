package io.parkops.rules.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The rules module's file: alerts (id to JSON) and the engine's memory of each twin (thing id to
 * JSON) in one H2 MVStore, {@code {data dir}/rules/state.mv}. Every call that touches the file
 * runs on the store's own thread, never on an event loop.
 */
public final class RulesDb implements AutoCloseable {

    public static final String FILE_NAME = "state.mv";

    private final MVStore store;
    private final MVMap<String, String> alerts;
    private final MVMap<String, String> things;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parkops-rules-store");
        t.setDaemon(true);
        return t;
    });

    private RulesDb(MVStore store) {
        this.store = store;
        this.alerts = store.openMap("alerts");
        this.things = store.openMap("things");
    }

    /** Opens (or creates) the file in {@code dir}. Blocking: call from a worker thread. */
    public static RulesDb open(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        return new RulesDb(new MVStore.Builder().fileName(dir.resolve(FILE_NAME).toString()).compress().open());
    }

    /** Saved alerts as JSON texts. */
    public Map<String, String> alerts() {
        return new HashMap<>(alerts);
    }

    /** Saved engine memory, thing id to JSON text. */
    public Map<String, String> things() {
        return new HashMap<>(things);
    }

    /**
     * Writes changed alerts and twin memories and forgets evicted alerts, then commits, on the store's
     * thread; the future completes when the data is on disk.
     */
    public CompletableFuture<Void> save(Map<String, String> changedAlerts, Map<String, String> changedThings,
                                        java.util.Collection<String> forgottenAlerts) {
        return CompletableFuture.runAsync(() -> {
            alerts.putAll(changedAlerts);
            forgottenAlerts.forEach(alerts::remove);
            things.putAll(changedThings);
            store.commit();
        }, io);
    }

    /** Waits for pending saves, then closes the file. */
    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
