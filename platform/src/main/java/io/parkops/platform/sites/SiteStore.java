package io.parkops.platform.sites;

import io.parkops.model.config.SharedConfig;
import io.parkops.model.site.Site;
import io.parkops.model.site.SiteJson;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The estate's sites on disk, {@code {data dir}/sites/sites.mv} (H2 MVStore, one JSON document per
 * site). Every write is committed before it returns: an MVStore commit writes a new version and
 * switches to it at once, so a crash leaves the old site or the new one, never half of it. Writes
 * are rare (a site changes when a building is added); callers run them on a worker. In a cluster
 * every change goes through the shared config ({@link #shareThrough}) before it is kept.
 */
public final class SiteStore implements AutoCloseable {

    private final MVStore store;
    private final MVMap<String, String> sites;
    private volatile SharedConfig shared = SharedConfig.LOCAL;
    private volatile Consumer<String> kept = id -> { };

    public SiteStore(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sites folder " + file.getParent(), e);
        }
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        this.sites = store.openMap("sites");
    }

    public static SiteStore in(Path dataDir) {
        return new SiteStore(dataDir.resolve("sites").resolve("sites.mv"));
    }

    /** Called with the id of every site kept from now on (put here or shared by another node). */
    public void whenKept(Consumer<String> listener) {
        this.kept = listener;
    }

    /** From now on every put and remove goes through {@code shared} before it is kept here. */
    public void shareThrough(SharedConfig sharedConfig) {
        this.shared = sharedConfig;
    }

    /** Stores {@code site}, replacing one of the same id; true when it is new. */
    public synchronized boolean put(Site site) {
        String json = SiteJson.toJson(site).encode();
        shared.publish(SharedConfig.Kind.SITE, site.id(), json);
        return keep(site.id(), json);
    }

    /** A site another node (or this one) shared: its JSON, or null when it was removed; true when it is new here. */
    public synchronized boolean applyShared(String id, String json) {
        if (json == null) {
            return forget(id);
        }
        SiteJson.parse(id, new JsonObject(json)); // refuse what this node could not read back
        return keep(id, json);
    }

    private boolean keep(String id, String json) {
        String before = sites.put(id, json);
        store.commit();
        kept.accept(id);
        return before == null;
    }

    private boolean forget(String id) {
        boolean removed = sites.remove(id) != null;
        store.commit();
        return removed;
    }

    /** Stores {@code site} unless one of its id is stored (what the bootstrap file and the demo seed); true when stored. */
    public synchronized boolean putIfAbsent(Site site) {
        if (sites.containsKey(site.id())) {
            return false;
        }
        return put(site);
    }

    public synchronized boolean remove(String id) {
        if (!sites.containsKey(id)) {
            return false;
        }
        shared.publish(SharedConfig.Kind.SITE, id, null);
        return forget(id);
    }

    public Optional<Site> find(String id) {
        String json = sites.get(id);
        return json == null ? Optional.empty() : Optional.of(SiteJson.parse(id, new JsonObject(json)));
    }

    /** Every site, sorted by id. */
    public List<Site> all() {
        return sites.entrySet().stream().map(e -> SiteJson.parse(e.getKey(), new JsonObject(e.getValue())))
                .sorted(Comparator.comparing(Site::id)).toList();
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
