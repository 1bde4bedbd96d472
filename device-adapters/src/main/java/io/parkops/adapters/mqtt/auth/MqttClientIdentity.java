package io.parkops.adapters.mqtt.auth;

import io.parkops.adapters.security.DeviceLogin;
import io.parkops.model.ThingId;
import java.util.Optional;

/**
 * Who an MQTT connection belongs to, decided once at CONNECT and kept in HiveMQ's connection
 * attribute store (as text) for the authorizer to read on every PUBLISH and SUBSCRIBE; the Vert.x
 * device endpoint keeps it on its connection object.
 *
 * @param kind   a device, a person signed in with an API token, or the platform itself
 * @param device the device for {@link Kind#DEVICE}, otherwise null
 * @param person the API token's name for {@link Kind#PERSON}, otherwise null
 */
public record MqttClientIdentity(Kind kind, ThingId device, String person) {

    public enum Kind { DEVICE, PERSON, SERVICE }

    static final MqttClientIdentity SERVICE = new MqttClientIdentity(Kind.SERVICE, null, null);

    public static MqttClientIdentity device(ThingId id) {
        return new MqttClientIdentity(Kind.DEVICE, id, null);
    }

    public static MqttClientIdentity person(String tokenName) {
        return new MqttClientIdentity(Kind.PERSON, null, tokenName);
    }

    String encode() {
        return switch (kind) {
            case DEVICE -> "device:" + DeviceLogin.of(device);
            case PERSON -> "person:" + person;
            case SERVICE -> "service";
        };
    }

    static Optional<MqttClientIdentity> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith("device:")) {
            return DeviceLogin.parse(text.substring("device:".length())).map(MqttClientIdentity::device);
        }
        if (text.startsWith("person:")) {
            return Optional.of(person(text.substring("person:".length())));
        }
        return "service".equals(text) ? Optional.of(SERVICE) : Optional.empty();
    }
}
