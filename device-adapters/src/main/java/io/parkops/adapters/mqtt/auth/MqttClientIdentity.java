package io.parkops.adapters.mqtt.auth;

import io.parkops.adapters.security.DeviceLogin;
import io.parkops.model.ThingId;
import java.util.Optional;

/**
 * Who an MQTT connection belongs to, decided once at CONNECT and kept in HiveMQ's connection
 * attribute store (as text) for the authorizer to read on every PUBLISH and SUBSCRIBE.
 *
 * @param kind   a device or the platform itself
 * @param device the device for {@link Kind#DEVICE}, otherwise null
 */
record MqttClientIdentity(Kind kind, ThingId device) {

    enum Kind { DEVICE, SERVICE }

    static final MqttClientIdentity SERVICE = new MqttClientIdentity(Kind.SERVICE, null);

    static MqttClientIdentity device(ThingId id) {
        return new MqttClientIdentity(Kind.DEVICE, id);
    }

    String encode() {
        return kind == Kind.DEVICE ? "device:" + DeviceLogin.of(device) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<MqttClientIdentity> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith("device:")) {
            return DeviceLogin.parse(text.substring("device:".length())).map(MqttClientIdentity::device);
        }
        return "service".equals(text) ? Optional.of(SERVICE) : Optional.empty();
    }
}
