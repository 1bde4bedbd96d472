package io.parkops.adapters.mqtt.auth;

import io.parkops.adapters.security.DeviceLogin;
import io.parkops.adapters.security.PersonTokens;
import io.parkops.model.http.SiteScope;
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
 * @param sites  the sites a {@link Kind#PERSON}'s token is limited to ({@link SiteScope#ALL} for the others)
 */
public record MqttClientIdentity(Kind kind, ThingId device, String person, SiteScope sites) {

    public enum Kind { DEVICE, PERSON, SERVICE }

    static final MqttClientIdentity SERVICE = new MqttClientIdentity(Kind.SERVICE, null, null, SiteScope.ALL);

    public MqttClientIdentity {
        sites = sites == null ? SiteScope.ALL : sites;
    }

    public static MqttClientIdentity device(ThingId id) {
        return new MqttClientIdentity(Kind.DEVICE, id, null, SiteScope.ALL);
    }

    /** A person whose token sees every site. */
    public static MqttClientIdentity person(String tokenName) {
        return person(tokenName, SiteScope.ALL);
    }

    public static MqttClientIdentity person(String tokenName, SiteScope sites) {
        return new MqttClientIdentity(Kind.PERSON, null, tokenName, sites);
    }

    public static MqttClientIdentity person(PersonTokens.Person person) {
        return person(person.name(), person.sites());
    }

    /** The person a {@link Kind#PERSON} connection signed in as: its token's name and sites. */
    public PersonTokens.Person asPerson() {
        return new PersonTokens.Person(person, sites);
    }

    String encode() {
        return switch (kind) {
            case DEVICE -> "device:" + DeviceLogin.of(device);
            case PERSON -> "person:" + person + (sites.isAll() ? "" : "|" + sites.encode());
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
        if (text.startsWith("person:")) { // a token name never holds '|': what follows it are the token's sites
            String rest = text.substring("person:".length());
            int bar = rest.indexOf('|');
            return Optional.of(bar < 0 ? person(rest) : person(rest.substring(0, bar), SiteScope.decode(rest.substring(bar + 1))));
        }
        return "service".equals(text) ? Optional.of(SERVICE) : Optional.empty();
    }
}
