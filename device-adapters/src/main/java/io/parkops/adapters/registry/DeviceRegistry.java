package io.parkops.adapters.registry;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provisioned devices and the tenants (sites) they belong to. Read on every message from any
 * ingress thread, so lookups are lock-free. In memory for now: the bootstrap file rebuilds it on
 * start (a durable registry comes with the security issue).
 */
public final class DeviceRegistry {

    private final ConcurrentHashMap<ThingId, Device> devices = new ConcurrentHashMap<>();
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<ThingId, DeviceCredentials> credentials = new ConcurrentHashMap<>();

    /** Adds the device; {@code false} when a device with that id already exists (it is left alone). */
    public boolean add(Device device) {
        boolean added = devices.putIfAbsent(device.id(), device) == null;
        if (added) {
            tenants.add(device.id().tenant());
        }
        return added;
    }

    public Optional<Device> remove(ThingId id) {
        credentials.remove(id);
        return Optional.ofNullable(devices.remove(id));
    }

    /** Adds the device with its credentials; {@code false} when it already exists. */
    public boolean add(Device device, DeviceCredentials deviceCredentials) {
        boolean added = add(device);
        if (added && deviceCredentials != null) {
            credentials.put(device.id(), deviceCredentials);
        }
        return added;
    }

    /** The device's credentials ({@link DeviceCredentials#NONE} when none were provisioned). */
    public DeviceCredentials credentials(ThingId id) {
        return credentials.getOrDefault(id, DeviceCredentials.NONE);
    }

    public Device find(ThingId id) {
        return devices.get(id);
    }

    /** Declares a site even before it has devices, so its devices get "unknown device", not "unknown tenant". */
    public void addTenant(String tenant) {
        ThingId.requireValidTenant(tenant);
        tenants.add(tenant);
    }

    public boolean isKnownTenant(String tenant) {
        return tenants.contains(tenant);
    }

    public Collection<Device> all() {
        return devices.values();
    }

    public int size() {
        return devices.size();
    }
}
