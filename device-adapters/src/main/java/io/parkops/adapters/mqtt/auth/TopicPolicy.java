package io.parkops.adapters.mqtt.auth;

import io.parkops.adapters.registry.GatewayLookup;
import io.parkops.model.ThingId;

/**
 * Which topics an MQTT client may publish to and subscribe to on the embedded broker. Pure: no
 * HiveMQ types, unit-tested on its own; the registry comes in as a {@link GatewayLookup}. Public so
 * that the Vert.x device endpoint ({@code mqtt.endpoint}) applies the very same rules.
 *
 * <ul>
 *   <li>A device publishes only {@code telemetry/{t}/{d}}, {@code event/{t}/{d}} and
 *       {@code command/{t}/{d}/res/...}, and subscribes only within {@code command/{t}/{d}/req/#}:
 *       its own. No wildcard can widen that, because the tenant and device parts are compared as
 *       literal text before any wildcard may appear.</li>
 *   <li>A gateway (any device named in another device's {@code via}) has the same rights on the
 *       topics of every device that names it, as in Eclipse Hono. It subscribes per device
 *       ({@code command/{t}/{d}/req/#}); a wildcard in the tenant or device part is refused,
 *       because a subscription is checked once and would otherwise also receive the commands of
 *       devices that never named the gateway.</li>
 *   <li>A person signed in with an API token subscribes only within {@code alerts/...} and publishes
 *       nothing: all of it with a token for every site (as the alerts API shows every alert to every
 *       role); with a token limited to some sites, only {@code alerts/{site}/...} of those sites,
 *       named literally (a wildcard in the site part would also deliver other sites' alerts); with a
 *       token for some buildings of a site, none, since the topics name no building.</li>
 *   <li>The platform's service identity subscribes only with the platform's shared group
 *       ({@code $share/{group}/...}) and publishes only {@code command/...} and {@code alerts/...}.</li>
 * </ul>
 */
public final class TopicPolicy {

    /** Why a request was refused; {@link #ALLOWED} when it was not. The label goes into a metric. */
    public enum Verdict {
        ALLOWED, OTHER_DEVICE, NOT_BEHIND_GATEWAY, NOT_A_DEVICE_TOPIC, NOT_FOR_SERVICE, NOT_FOR_PERSON, OTHER_SITE, UNKNOWN_CLIENT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String sharePrefix;
    private final GatewayLookup gateways;

    /** Every device speaks only for itself. */
    public TopicPolicy(String shareGroup) {
        this(shareGroup, GatewayLookup.NONE);
    }

    public TopicPolicy(String shareGroup, GatewayLookup gateways) {
        this.sharePrefix = "$share/" + shareGroup + "/";
        this.gateways = gateways;
    }

    public Verdict publish(MqttClientIdentity who, String topic) {
        return switch (who.kind()) {
            case SERVICE -> topic.startsWith("command/") || topic.startsWith("alerts/") ? Verdict.ALLOWED : Verdict.NOT_FOR_SERVICE;
            case DEVICE -> ownPublish(who.device(), topic) ? Verdict.ALLOWED : forOther(who.device(), publishTarget(topic), topic);
            case PERSON -> Verdict.NOT_FOR_PERSON;
        };
    }

    public Verdict subscribe(MqttClientIdentity who, String filter) {
        return switch (who.kind()) {
            case SERVICE -> filter.startsWith(sharePrefix) ? Verdict.ALLOWED : Verdict.NOT_FOR_SERVICE;
            case DEVICE -> ownSubscribe(who.device(), filter) ? Verdict.ALLOWED
                    : forOther(who.device(), commandTarget(filter), filter);
            case PERSON -> !filter.startsWith("alerts/") ? Verdict.NOT_FOR_PERSON
                    : who.sites().isAll() || who.sites().allows(alertSite(filter)) ? Verdict.ALLOWED : Verdict.OTHER_SITE;
        };
    }

    /** The site of {@code alerts/{site}} or {@code alerts/{site}/...}; a wildcard there is no site. */
    private static String alertSite(String filter) {
        String[] parts = filter.split("/", 3);
        return parts.length >= 2 && ThingId.isValidTenant(parts[1]) ? parts[1] : null;
    }

    private static boolean ownPublish(ThingId d, String topic) {
        String own = d.tenant() + '/' + d.deviceId();
        return topic.equals("telemetry/" + own) || topic.equals("event/" + own) || topic.startsWith("command/" + own + "/res/");
    }

    private static boolean ownSubscribe(ThingId d, String filter) {
        String requests = "command/" + d.tenant() + '/' + d.deviceId() + "/req";
        return filter.equals(requests) || filter.startsWith(requests + '/');
    }

    /**
     * A device reaching for a topic that is not its own: allowed when the topic names exactly one
     * device and that device names the client in {@code via}. {@code target} is null when the topic
     * names no single device (a wildcard, a malformed id, another topic tree).
     */
    private Verdict forOther(ThingId client, ThingId target, String topic) {
        if (target != null && gateways.mayActFor(client, target)) {
            return Verdict.ALLOWED;
        }
        // a gateway's refusal for one device is counted apart: it usually means a registration lacks "via"
        if (target != null && gateways.isGateway(client)) {
            return Verdict.NOT_BEHIND_GATEWAY;
        }
        return foreign(topic);
    }

    /** The device of {@code telemetry/{t}/{d}}, {@code event/{t}/{d}} or {@code command/{t}/{d}/res/...}; null for any other topic. */
    static ThingId publishTarget(String topic) {
        String[] parts = topic.split("/", 5);
        if (parts.length == 3 && (parts[0].equals("telemetry") || parts[0].equals("event"))) {
            return idOf(parts[1], parts[2]);
        }
        return parts.length == 5 && parts[0].equals("command") && parts[3].equals("res") ? idOf(parts[1], parts[2]) : null;
    }

    /**
     * The device of {@code command/{t}/{d}/req} or {@code command/{t}/{d}/req/...}; null for any
     * other filter. Wildcards can only follow {@code req}: {@code +} and {@code #} are not valid in
     * a tenant or device id, so {@code command/nanan/+/req/#} names no device.
     */
    public static ThingId commandTarget(String filter) {
        String[] parts = filter.split("/", 5);
        return parts.length >= 4 && parts[0].equals("command") && parts[3].equals("req") ? idOf(parts[1], parts[2]) : null;
    }

    private static ThingId idOf(String tenant, String deviceId) {
        return ThingId.isValidTenant(tenant) && ThingId.isValidDeviceId(deviceId) ? new ThingId(tenant, deviceId) : null;
    }

    /** Another device's topic (or a wildcard over devices), or something outside the device topics altogether. */
    private static Verdict foreign(String topic) {
        return topic.startsWith("telemetry/") || topic.startsWith("event/") || topic.startsWith("command/")
                || topic.startsWith("alerts/") || topic.startsWith("+/") || topic.equals("#")
                ? Verdict.OTHER_DEVICE : Verdict.NOT_A_DEVICE_TOPIC;
    }
}
