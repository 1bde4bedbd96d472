package io.parkops.adapters.mqtt.auth;

import io.parkops.model.ThingId;

/**
 * Which topics an MQTT client may publish to and subscribe to on the embedded broker. Pure: no
 * HiveMQ types, unit-tested on its own.
 *
 * <ul>
 *   <li>A device publishes only {@code telemetry/{t}/{d}}, {@code event/{t}/{d}} and
 *       {@code command/{t}/{d}/res/...}, and subscribes only within {@code command/{t}/{d}/req/#}:
 *       its own. No wildcard can widen that, because the tenant and device parts are compared as
 *       literal text before any wildcard may appear.</li>
 *   <li>A person signed in with an API token subscribes only within {@code alerts/...} (all of it,
 *       as the alerts API shows every alert to every role) and publishes nothing.</li>
 *   <li>The platform's service identity subscribes only with the platform's shared group
 *       ({@code $share/{group}/...}) and publishes only {@code command/...} and {@code alerts/...}.</li>
 * </ul>
 */
final class TopicPolicy {

    /** Why a request was refused; {@link #ALLOWED} when it was not. The label goes into a metric. */
    enum Verdict {
        ALLOWED, OTHER_DEVICE, NOT_A_DEVICE_TOPIC, NOT_FOR_SERVICE, NOT_FOR_PERSON, UNKNOWN_CLIENT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String sharePrefix;

    TopicPolicy(String shareGroup) {
        this.sharePrefix = "$share/" + shareGroup + "/";
    }

    Verdict publish(MqttClientIdentity who, String topic) {
        return switch (who.kind()) {
            case SERVICE -> topic.startsWith("command/") || topic.startsWith("alerts/") ? Verdict.ALLOWED : Verdict.NOT_FOR_SERVICE;
            case DEVICE -> ownPublish(who.device(), topic) ? Verdict.ALLOWED : foreign(topic);
            case PERSON -> Verdict.NOT_FOR_PERSON;
        };
    }

    Verdict subscribe(MqttClientIdentity who, String filter) {
        return switch (who.kind()) {
            case SERVICE -> filter.startsWith(sharePrefix) ? Verdict.ALLOWED : Verdict.NOT_FOR_SERVICE;
            case DEVICE -> ownSubscribe(who.device(), filter) ? Verdict.ALLOWED : foreign(filter);
            case PERSON -> filter.startsWith("alerts/") ? Verdict.ALLOWED : Verdict.NOT_FOR_PERSON;
        };
    }

    private static boolean ownPublish(ThingId d, String topic) {
        String own = d.tenant() + '/' + d.deviceId();
        return topic.equals("telemetry/" + own) || topic.equals("event/" + own) || topic.startsWith("command/" + own + "/res/");
    }

    private static boolean ownSubscribe(ThingId d, String filter) {
        String requests = "command/" + d.tenant() + '/' + d.deviceId() + "/req";
        return filter.equals(requests) || filter.startsWith(requests + '/');
    }

    /** Another device's topic (or a wildcard over devices), or something outside the device topics altogether. */
    private static Verdict foreign(String topic) {
        return topic.startsWith("telemetry/") || topic.startsWith("event/") || topic.startsWith("command/")
                || topic.startsWith("alerts/") || topic.startsWith("+/") || topic.equals("#")
                ? Verdict.OTHER_DEVICE : Verdict.NOT_A_DEVICE_TOPIC;
    }
}
