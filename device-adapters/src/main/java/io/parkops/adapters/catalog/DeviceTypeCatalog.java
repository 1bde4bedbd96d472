package io.parkops.adapters.catalog;

import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The device types the platform knows: the built-ins from the jar, overlaid by definitions from
 * the data folder and the API. Readers see an immutable snapshot, so decoding on any thread never
 * races with a type being replaced; a replacement takes effect for the next message.
 */
public final class DeviceTypeCatalog implements DeviceTypes {

    /** Where the type of this id came from, as the API shows it. */
    public static final String BUILT_IN = "built-in";

    private static final String BUILTIN_DIR = "device-types/";

    private final Map<String, DeviceType> builtins;
    private volatile Map<String, DeviceType> types;
    private final Map<String, String> sources = new HashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private DeviceTypeCatalog(Map<String, DeviceType> builtins) {
        this.builtins = Map.copyOf(builtins);
        this.types = Map.copyOf(builtins);
        builtins.keySet().forEach(id -> sources.put(id, BUILT_IN));
    }

    /** The built-in types of the contract, from the jar ({@code device-types/index.txt} lists them). */
    public static DeviceTypeCatalog builtin() {
        Map<String, DeviceType> types = new TreeMap<>();
        for (String id : readResource(BUILTIN_DIR + "index.txt").lines().map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            String source = BUILTIN_DIR + id + ".json";
            DeviceType type = parse(readResource(source).getBytes(StandardCharsets.UTF_8), source);
            types.put(type.id(), type);
        }
        return new DeviceTypeCatalog(types);
    }

    @Override
    public Optional<DeviceType> find(String typeId) {
        return Optional.ofNullable(types.get(typeId));
    }

    public Collection<DeviceType> all() {
        return types.values();
    }

    public String knownIds() {
        return types.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    /** Where the active definition of a type comes from: {@link #BUILT_IN} or a file name. */
    public synchronized String source(String typeId) {
        return sources.get(typeId);
    }

    public boolean isBuiltIn(String typeId) {
        return builtins.containsKey(typeId);
    }

    /** Adds or replaces a type as a whole. */
    public void put(DeviceType type) {
        put(type, "api");
    }

    public void put(DeviceType type, String source) {
        synchronized (this) {
            Map<String, DeviceType> next = new TreeMap<>(types);
            next.put(type.id(), type);
            types = Map.copyOf(next);
            sources.put(type.id(), source);
        }
        changed();
    }

    /** Calls {@code listener} after every change of a definition (on the thread that made it). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** Drops an overriding definition: a built-in type falls back to its jar version, others disappear. */
    public void remove(String typeId) {
        synchronized (this) {
            Map<String, DeviceType> next = new TreeMap<>(types);
            DeviceType builtin = builtins.get(typeId);
            if (builtin == null) {
                next.remove(typeId);
                sources.remove(typeId);
            } else {
                next.put(typeId, builtin);
                sources.put(typeId, BUILT_IN);
            }
            types = Map.copyOf(next);
        }
        changed();
    }

    /**
     * Parses one JSON definition; the error names the source and the field that is wrong, so an
     * integrator can fix the file without reading our code.
     */
    public static DeviceType parse(byte[] json, String source) {
        return DeviceTypeParser.parse(json, source, false);
    }

    private static String readResource(String name) {
        try (InputStream in = DeviceTypeCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A definition that cannot be used; the message names the source and the field. */
    public static final class InvalidDeviceTypeException extends IllegalArgumentException {
        public InvalidDeviceTypeException(String message) {
            super(message);
        }
    }
}
