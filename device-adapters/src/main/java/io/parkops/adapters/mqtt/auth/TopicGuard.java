package io.parkops.adapters.mqtt.auth;

import io.parkops.model.log.ThrottledLog;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.DeviceLogin;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TopicPolicy} to a client's PUBLISHes and SUBSCRIBEs on either MQTT endpoint (the
 * embedded broker's {@link DeviceAuthorizer}, the Vert.x endpoint), counting and logging every
 * refusal ({@code parkops_device_denied_total}). A device deleted while connected is refused from
 * its next message on. A client without an identity (PARKOPS_MQTT_ALLOW_UNAUTHENTICATED on the
 * Vert.x endpoint) is not restricted.
 */
public final class TopicGuard {

    private static final String TRANSPORT = "mqtt";
    private static final ThrottledLog REFUSALS = new ThrottledLog(LoggerFactory.getLogger(TopicGuard.class), 1000);

    private final TopicPolicy policy;
    private final DeviceRegistry registry;
    private final DeviceAuthMetrics metrics;

    public TopicGuard(TopicPolicy policy, DeviceRegistry registry, DeviceAuthMetrics metrics) {
        this.policy = policy;
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Null when {@code who} may publish to {@code topic}, otherwise why not (counted, logged). */
    public String publishRefusal(MqttClientIdentity who, String client, String topic) {
        return refusal(who, client, "publish", topic, w -> policy.publish(w, topic));
    }

    /** Null when {@code who} may subscribe to {@code filter}, otherwise why not (counted, logged). */
    public String subscribeRefusal(MqttClientIdentity who, String client, String filter) {
        return refusal(who, client, "subscribe", filter, w -> policy.subscribe(w, filter));
    }

    private String refusal(MqttClientIdentity who, String client, String action, String topic,
                           Function<MqttClientIdentity, TopicPolicy.Verdict> rule) {
        if (who == null) {
            return null;
        }
        TopicPolicy.Verdict verdict = who.kind() == MqttClientIdentity.Kind.DEVICE && registry.find(who.device()) == null
                ? TopicPolicy.Verdict.UNKNOWN_CLIENT : rule.apply(who);
        if (verdict == TopicPolicy.Verdict.ALLOWED) {
            return null;
        }
        return refused(action, client, topic, verdict,
                who.kind() == MqttClientIdentity.Kind.DEVICE ? DeviceLogin.of(who.device()) : who.person());
    }

    /** A client the broker let in without a ParkOps identity: refused (counted, logged). */
    String unidentified(String action, String client, String topic) {
        return refused(action, client, topic, TopicPolicy.Verdict.UNKNOWN_CLIENT, "no identity");
    }

    private String refused(String action, String client, String topic, TopicPolicy.Verdict verdict, String identity) {
        metrics.denied(TRANSPORT, action, verdict.label());
        REFUSALS.warn("MQTT {} to '{}' refused ({}) for client '{}' ({})", action, DeviceLogin.printable(topic), verdict.label(),
                DeviceLogin.printable(client), identity);
        return "not allowed to " + action + " " + topic + " (" + verdict.label() + ")";
    }
}
