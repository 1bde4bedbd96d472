package io.parkops.adapters.registry;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.model.config.SharedConfig;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provisioned devices and the tenants (sites) they belong to. Read on every message from any
 * ingress thread, so lookups are lock-free; kept on disk by {@link RegistryStore} once
 * {@link #persistTo} is called. Also answers which gateways may act for a device ({@code via}).
 * In a cluster every device added or removed goes through the shared config ({@link #shareThrough})
 * first, as the store keeps it (hashed password, PSK), so every node's broker and CoAPS endpoint
 * authenticates it.
 */
public final class DeviceRegistry implements GatewayLookup {

    private final ConcurrentHashMap<ThingId, Device> devices = new ConcurrentHashMap<>();
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<ThingId, DeviceCredentials> credentials = new ConcurrentHashMap<>();
    private volatile RegistryStore store;
    private volatile SharedConfig shared = SharedConfig.LOCAL;

    /**
     * Keeps the registry in {@code store} from now on, after loading what it already holds: the
     * devices provisioned over the API survive a restart.
     */
    public synchronized void persistTo(RegistryStore registryStore) {
        registryStore.load(tenants::add, (device, creds) -> {
            devices.put(device.id(), device);
            tenants.add(device.id().tenant());
            if (creds != DeviceCredentials.NONE) {
                credentials.put(device.id(), creds);
            }
        });
        devices.values().forEach(d -> registryStore.put(d, credentials.get(d.id())));
        tenants.forEach(registryStore::addTenant);
        this.store = registryStore;
    }

    /** From now on every add and remove goes through {@code shared} before it is kept here. */
    public void shareThrough(SharedConfig sharedConfig) {
        this.shared = sharedConfig;
    }

    /** Adds the device; {@code false} when a device with that id already exists (it is left alone). */
    public boolean add(Device device) {
        return add(device, null);
    }

    /** Removes the device; blocking in a cluster (call it from a worker). */
    public synchronized Optional<Device> remove(ThingId id) {
        if (!devices.containsKey(id)) {
            return Optional.empty();
        }
        shared.publish(SharedConfig.Kind.DEVICE, id.dittoId(), null);
        return forget(id);
    }

    private Optional<Device> forget(ThingId id) {
        credentials.remove(id);
        Device removed = devices.remove(id);
        RegistryStore s = store;
        if (removed != null && s != null) {
            s.remove(id);
        }
        return Optional.ofNullable(removed);
    }

    /** Adds the device with its credentials; {@code false} when it already exists. Blocking in a cluster. */
    public synchronized boolean add(Device device, DeviceCredentials deviceCredentials) {
        if (devices.containsKey(device.id())) {
            return false;
        }
        shared.publish(SharedConfig.Kind.DEVICE, device.id().dittoId(), RegistryStore.encode(device, deviceCredentials));
        keep(device, deviceCredentials);
        return true;
    }

    /**
     * A device another node (or this one) shared, as {@link RegistryStore} keeps it, or null when it
     * was removed. Returns the device kept, or the one removed (empty when there was none); applying
     * the same record twice changes nothing.
     */
    public synchronized Optional<Device> applyShared(String thingId, String value) {
        if (value == null) {
            return forget(ThingId.parseDitto(thingId));
        }
        Device[] kept = new Device[1];
        RegistryStore.decode(value, (device, creds) -> {
            if (!device.id().dittoId().equals(thingId)) {
                throw new IllegalArgumentException("device record " + thingId + " holds device " + device.id());
            }
            keep(device, creds == DeviceCredentials.NONE ? null : creds);
            kept[0] = device;
        });
        return Optional.of(kept[0]);
    }

    /** Puts (or replaces) the device with exactly these credentials, here and in the store. */
    private void keep(Device device, DeviceCredentials deviceCredentials) {
        if (deviceCredentials != null) {
            credentials.put(device.id(), deviceCredentials);
        } else {
            credentials.remove(device.id());
        }
        devices.put(device.id(), device);
        tenants.add(device.id().tenant());
        RegistryStore s = store;
        if (s != null) {
            s.put(device, deviceCredentials);
            s.addTenant(device.id().tenant());
        }
    }

    /** The device's credentials ({@link DeviceCredentials#NONE} when none were provisioned). */
    public DeviceCredentials credentials(ThingId id) {
        return credentials.getOrDefault(id, DeviceCredentials.NONE);
    }

    public Device find(ThingId id) {
        return devices.get(id);
    }

    /** One map read and a scan of the device's one or two gateways: cheap enough for every PUBLISH. */
    @Override
    public boolean mayActFor(ThingId gateway, ThingId device) {
        Device d = devices.get(device);
        return d != null && d.isReachableVia(gateway);
    }

    @Override
    public boolean isGateway(ThingId device) {
        Device d = devices.get(device);
        return d != null && GATEWAY_TYPE.equals(d.typeId());
    }

    /** Declares a site even before it has devices, so its devices get "unknown device", not "unknown tenant". */
    public void addTenant(String tenant) {
        ThingId.requireValidTenant(tenant);
        tenants.add(tenant);
        RegistryStore s = store;
        if (s != null) {
            s.addTenant(tenant);
        }
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
