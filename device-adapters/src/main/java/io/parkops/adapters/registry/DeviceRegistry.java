package io.parkops.adapters.registry;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provisioned devices and the tenants (sites) they belong to. Read on every message from any
 * ingress thread, so lookups are lock-free; kept on disk by {@link RegistryStore} once
 * {@link #persistTo} is called. Also answers which gateways may act for a device ({@code via}).
 */
public final class DeviceRegistry implements GatewayLookup {

    private final ConcurrentHashMap<ThingId, Device> devices = new ConcurrentHashMap<>();
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<ThingId, DeviceCredentials> credentials = new ConcurrentHashMap<>();
    private volatile RegistryStore store;

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

    /** Adds the device; {@code false} when a device with that id already exists (it is left alone). */
    public boolean add(Device device) {
        return add(device, null);
    }

    public Optional<Device> remove(ThingId id) {
        credentials.remove(id);
        Device removed = devices.remove(id);
        RegistryStore s = store;
        if (removed != null && s != null) {
            s.remove(id);
        }
        return Optional.ofNullable(removed);
    }

    /** Adds the device with its credentials; {@code false} when it already exists. */
    public boolean add(Device device, DeviceCredentials deviceCredentials) {
        boolean added = devices.putIfAbsent(device.id(), device) == null;
        if (added) {
            tenants.add(device.id().tenant());
            if (deviceCredentials != null) {
                credentials.put(device.id(), deviceCredentials);
            }
            RegistryStore s = store;
            if (s != null) {
                s.put(device, deviceCredentials);
                s.addTenant(device.id().tenant());
            }
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
