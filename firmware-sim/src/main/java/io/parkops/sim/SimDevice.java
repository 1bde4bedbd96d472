package io.parkops.sim;

import io.parkops.model.ThingId;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated device as it is provisioned: identity, built-in type, the transport it reports
 * over, where it sits in the park and the password (MQTT) and
 * pre-shared key (CoAPS) it authenticates with.
 *
 * @param attributes {@code building}, {@code floor}, {@code zone}
 */
public record SimDevice(String tenant, String deviceId, String type, Protocol protocol,
                        Map<String, String> attributes, String password, String psk) {

    public SimDevice {
        ThingId.requireValidTenant(tenant);
        ThingId.requireValidDeviceId(deviceId);
        Objects.requireNonNull(type, "type");
        if (protocol == null || protocol == Protocol.MIXED) {
            throw new IllegalArgumentException("a device reports over MQTT, COAP or COAPS, not " + protocol);
        }
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(psk, "psk");
    }

    public ThingId thingId() {
        return ThingId.of(tenant, deviceId);
    }

    /** The MQTT user name and PSK identity the contract gives a device: {@code {deviceId}@{tenant}}. */
    public String authId() {
        return deviceId + '@' + tenant;
    }

    /** Keeps the password and key out of logs. */
    @Override
    public String toString() {
        return "SimDevice[" + tenant + '/' + deviceId + ' ' + type + " over " + protocol + ' ' + attributes + ']';
    }
}
