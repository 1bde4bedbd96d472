package io.parkops.adapters.registry;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A real registry with one gateway and the devices around it, for the access policies' tests:
 * {@code nanan/gw-01} (type gateway, PSK {@value #GW_01_PSK}); {@code meter-1} and {@code loop-1} name it in via;
 * {@code meter-2} names {@code gw-02}; {@code m-999} names none; {@code xinshengli/meter-1}
 * names a {@code gw-01} of its own site.
 */
public final class GatewayFixture {

    public static final String GW_01_PSK = "gw-01-key";

    private GatewayFixture() {
    }

    public static DeviceRegistry registry() {
        DeviceRegistry registry = new DeviceRegistry();
        registry.add(new Device(ThingId.of("nanan", "gw-01"), GatewayLookup.GATEWAY_TYPE, Map.of()),
                DeviceCredentials.of(null, GW_01_PSK.getBytes(StandardCharsets.UTF_8)));
        registry.add(new Device(ThingId.of("nanan", "gw-02"), GatewayLookup.GATEWAY_TYPE, Map.of()));
        registry.add(new Device(ThingId.of("nanan", "meter-1"), "energy-meter", Map.of(), List.of("gw-01")));
        registry.add(new Device(ThingId.of("nanan", "loop-1"), "hvac-loop", Map.of(), List.of("gw-02", "gw-01")));
        registry.add(new Device(ThingId.of("nanan", "meter-2"), "energy-meter", Map.of(), List.of("gw-02")));
        registry.add(new Device(ThingId.of("nanan", "m-999"), "energy-meter", Map.of()));
        registry.add(new Device(ThingId.of("xinshengli", "meter-1"), "energy-meter", Map.of(), List.of("gw-01")));
        return registry;
    }
}
