package io.parkops.adapters.catalog;

import io.parkops.model.DeviceType;
import io.parkops.model.config.SharedConfig;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code device-types/} folder under the data dir: one definition per file, named
 * {@code {typeId}.json}, {@code .yaml} or {@code .yml}. {@link #scan()} (blocking file I/O: call
 * it from a worker) loads what changed since the last scan. A file that does not parse is refused
 * as a whole: the previous version of its type stays active and the error is kept for the API.
 * Types written through the API land here too, so they survive a restart. In a cluster a type
 * written or deleted through the API goes through the shared config first ({@link #shareThrough})
 * and every node writes it into its own folder; a file dropped into one node's folder stays that
 * node's own.
 */
public final class DeviceTypeFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceTypeFolder.class);

    private final DeviceTypeCatalog catalog;
    private final Path dir;
    private final Predicate<String> inUse;
    private final Map<Path, String> seen = new HashMap<>();
    private final Map<String, String> errors = new TreeMap<>();
    private volatile SharedConfig shared = SharedConfig.LOCAL;

    /** @param inUse whether devices still use a type (a type in use is kept when its file disappears) */
    public DeviceTypeFolder(DeviceTypeCatalog catalog, Path dir, Predicate<String> inUse) {
        this.catalog = catalog;
        this.dir = dir;
        this.inUse = inUse;
    }

    /** From now on every write and delete goes through {@code shared} before it is kept here. */
    public void shareThrough(SharedConfig sharedConfig) {
        this.shared = sharedConfig;
    }

    /**
     * A type another node (or this one) shared: its JSON definition, or null when it was deleted.
     * Blocking file I/O; applying the same record twice changes nothing.
     */
    public synchronized void applyShared(String typeId, String json) {
        if (json == null) {
            remove(typeId);
            return;
        }
        DeviceType type = DeviceTypeParser.parse(json.getBytes(StandardCharsets.UTF_8), "shared type " + typeId, false);
        if (!type.id().equals(typeId)) {
            throw new IllegalArgumentException("shared type " + typeId + " holds type '" + type.id() + "'");
        }
        keep(type);
    }

    public Path dir() {
        return dir;
    }

    /** File name to what is wrong with it, for files whose last version was refused. */
    public synchronized Map<String, String> errors() {
        return Map.copyOf(errors);
    }

    /** Loads new and changed files and drops types whose file was removed. Returns how many changed. */
    public synchronized int scan() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Map<Path, String> now = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(DeviceTypeFolder::isDefinition).toList()) {
                now.put(f, stamp(f));
            }
        } catch (IOException e) {
            LOG.warn("device-type folder {} cannot be listed: {}", dir, e.getMessage());
            return 0;
        }
        int changes = 0;
        for (Map.Entry<Path, String> e : now.entrySet()) {
            if (!e.getValue().equals(seen.get(e.getKey()))) {
                load(e.getKey());
                changes++;
            }
        }
        for (Path gone : List.copyOf(seen.keySet())) {
            if (!now.containsKey(gone)) {
                dropped(gone);
                changes++;
            }
        }
        seen.clear();
        seen.putAll(now);
        return changes;
    }

    /** Writes a definition (from the API) and activates it at once; the next scan sees it unchanged. */
    public synchronized void write(DeviceType type) {
        shared.publish(SharedConfig.Kind.TYPE, type.id(), new String(DeviceTypeParser.toJson(type), StandardCharsets.UTF_8));
        keep(type);
    }

    private void keep(DeviceType type) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(type.id() + ".json");
            Path tmp = dir.resolve("." + type.id() + ".json.tmp");
            Files.write(tmp, DeviceTypeParser.toJson(type));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            for (String ext : List.of(".yaml", ".yml")) {
                Files.deleteIfExists(dir.resolve(type.id() + ext)); // one file per type
                seen.remove(dir.resolve(type.id() + ext));
            }
            seen.put(target, stamp(target));
            errors.remove(target.getFileName().toString());
            catalog.put(type, target.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("device type " + type.id() + " cannot be written to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the type's file(s) and the type (a built-in falls back to its jar version). */
    public synchronized void delete(String typeId) {
        shared.publish(SharedConfig.Kind.TYPE, typeId, null);
        remove(typeId);
    }

    private void remove(String typeId) {
        try {
            for (String ext : List.of(".json", ".yaml", ".yml")) {
                Path f = dir.resolve(typeId + ext);
                Files.deleteIfExists(f);
                seen.remove(f);
                errors.remove(f.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("device type " + typeId + " cannot be deleted from " + dir + ": " + e.getMessage(), e);
        }
        catalog.remove(typeId);
    }

    private void load(Path file) {
        String name = file.getFileName().toString();
        try {
            DeviceType type = DeviceTypeParser.parse(Files.readAllBytes(file), name, !name.endsWith(".json"));
            String expected = name.substring(0, name.lastIndexOf('.'));
            if (!type.id().equals(expected)) {
                throw new DeviceTypeCatalog.InvalidDeviceTypeException(name + ": id '" + type.id()
                        + "' must match the file name (" + expected + ")");
            }
            catalog.put(type, name);
            errors.remove(name);
            LOG.info("device type {} {} loaded from {}", type.id(), type.version(), file);
        } catch (IllegalArgumentException e) {
            errors.put(name, e.getMessage());
            LOG.warn("device-type file {} refused, the previous version stays active: {}", file, e.getMessage());
        } catch (IOException e) {
            errors.put(name, name + ": cannot be read: " + e.getMessage());
            LOG.warn("device-type file {} cannot be read: {}", file, e.getMessage());
        }
    }

    private void dropped(Path file) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.lastIndexOf('.'));
        errors.remove(name);
        if (!name.equals(catalog.source(id))) {
            return;
        }
        if (inUse.test(id) && !catalog.isBuiltIn(id)) {
            errors.put(name, name + ": file removed, but devices still use type '" + id + "'; it stays active until they are deleted");
            LOG.warn("device-type file {} removed while devices use type {}; keeping it", file, id);
            return;
        }
        catalog.remove(id);
        LOG.info("device type {} removed with its file {}", id, file);
    }

    private static boolean isDefinition(Path p) {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
    }

    /**
     * Modification time, size and a CRC of the content: the CRC catches a same-size edit within
     * the mtime granularity of coarse file systems; definitions are a few KB, so reading them
     * once a second costs nothing.
     */
    private static String stamp(Path f) {
        try {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(Files.readAllBytes(f));
            return Files.getLastModifiedTime(f).toInstant() + ":" + Files.size(f) + ":" + crc.getValue();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
