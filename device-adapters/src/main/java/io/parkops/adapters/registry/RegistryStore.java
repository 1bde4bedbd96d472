package io.parkops.adapters.registry;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The device registry on disk, {@code {data dir}/registry/devices.mv} (H2 MVStore): devices with
 * their attributes and gateways ({@code via}), the bcrypt hash of their password and their PSK, and the declared tenants.
 * Writes go to MVStore's in-memory pages and its background writer commits them within a second,
 * so provisioning never waits for the disk on an event loop; a crash loses at most that second.
 */
public final class RegistryStore implements AutoCloseable {

    private final MVStore store;
    private final MVMap<String, String> devices;
    private final MVMap<String, Boolean> tenants;

    public RegistryStore(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the registry folder " + file.getParent(), e);
        }
        this.store = new MVStore.Builder().fileName(file.toString()).open();
        this.devices = store.openMap("devices");
        this.tenants = store.openMap("tenants");
    }

    void put(Device device, DeviceCredentials credentials) {
        devices.put(device.id().dittoId(), encode(device, credentials));
    }

    /** A device as this store keeps it (and as a cluster shares it): hashed password and PSK, never a clear password. */
    static String encode(Device device, DeviceCredentials credentials) {
        JsonObject json = new JsonObject().put("tenant", device.id().tenant()).put("deviceId", device.id().deviceId())
                .put("type", device.typeId()).put("attributes", new JsonObject(Map.copyOf(device.attributes())));
        if (!device.via().isEmpty()) {
            json.put("via", new JsonArray(device.via()));
        }
        if (credentials != null && credentials.hasPassword()) {
            json.put("passwordHash", credentials.passwordHash());
        }
        if (credentials != null && credentials.hasPsk()) {
            json.put("pskHex", HexFormat.of().formatHex(credentials.psk()));
        }
        return json.encode();
    }

    void remove(ThingId id) {
        devices.remove(id.dittoId());
    }

    void addTenant(String tenant) {
        tenants.put(tenant, Boolean.TRUE);
    }

    /** Hands every stored tenant and device (with its credentials) to the callbacks. */
    void load(Consumer<String> tenant, BiConsumer<Device, DeviceCredentials> device) {
        tenants.keySet().forEach(tenant);
        devices.values().forEach(value -> decode(value, device));
    }

    /** Reads back what {@link #encode} wrote. */
    static void decode(String value, BiConsumer<Device, DeviceCredentials> device) {
        JsonObject json = new JsonObject(value);
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        json.getJsonObject("attributes", new JsonObject()).forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
        // "via" came with gateways: a device stored before then has none
        List<String> via = json.getJsonArray("via", new JsonArray()).stream().map(String::valueOf).toList();
        Device d = new Device(ThingId.of(json.getString("tenant"), json.getString("deviceId")), json.getString("type"),
                attributes, via);
        String pskHex = json.getString("pskHex");
        device.accept(d, DeviceCredentials.restored(json.getString("passwordHash"),
                pskHex == null ? null : HexFormat.of().parseHex(pskHex)));
    }

    @Override
    public void close() {
        store.close();
    }

    /** For crash tests: stops without the final commit, as a killed process would. */
    void closeAbruptly() {
        store.closeImmediately();
    }
}
