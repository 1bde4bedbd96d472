package io.parkops.sim.fleet;

import io.parkops.sim.Protocol;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import java.util.ArrayList;
import java.util.List;

/** Plans the fleet of a run: which devices exist, where they sit and how they report. */
public final class ParkLayout {

    private ParkLayout() {
    }

    /** Every device of the run, tenant by tenant, kind by kind, in a stable order. */
    public static List<SimDevice> plan(SimOptions options) {
        List<SimDevice> devices = new ArrayList<>();
        for (int t = 0; t < options.tenants().size(); t++) {
            String tenant = options.tenants().get(t);
            SiteLayout layout = SiteLayout.forTenant(tenant);
            for (DeviceKind kind : DeviceKind.values()) {
                for (int i = 0; i < options.devicesPerType(); i++) {
                    String deviceId = kind.deviceId(i);
                    devices.add(new SimDevice(tenant, deviceId, kind.typeId(), protocolOf(options.protocol(), t, i),
                            layout.place(kind, i), DevicePasswords.forDevice(tenant, deviceId)));
                }
            }
        }
        return devices;
    }

    /**
     * The first IAQ sensor of each tenant is the crowded meeting room whose CO2 surges early in
     * a run, so a demo raises an alert within seconds.
     */
    public static boolean isCo2Surge(SimDevice device) {
        return DeviceKind.IAQ_SENSOR.typeId().equals(device.type()) && DeviceKind.IAQ_SENSOR.deviceId(0).equals(device.deviceId());
    }

    /**
     * With MIXED, devices alternate by index and the alternation is shifted per tenant: with two
     * or more devices per type each tenant sends every type over both transports, and with one
     * device per type two tenants still cover every type on both.
     */
    static Protocol protocolOf(Protocol requested, int tenantIndex, int deviceIndex) {
        if (requested != Protocol.MIXED) {
            return requested;
        }
        return (tenantIndex + deviceIndex) % 2 == 0 ? Protocol.MQTT : Protocol.COAP;
    }
}
