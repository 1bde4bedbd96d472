package io.parkops.adapters.mqtt.auth;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import io.parkops.adapters.ingest.ThrottledLog;
import io.parkops.adapters.mqtt.PublishGuard;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.DeviceLogin;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TopicPolicy} to every PUBLISH and SUBSCRIBE on the embedded broker. A refusal
 * is answered the way HiveMQ does for the client's protocol: MQTT 5 gets reason code "not
 * authorized" on its PUBACK/SUBACK; an MQTT 3.1.1 publisher is disconnected and its subscription
 * gets a failure SUBACK. Every refusal is counted by reason and logged (throttled).
 *
 * <p>A device deleted from the registry while still connected is refused from its next message on.
 */
final class DeviceAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer, PublishGuard {

    private static final String TRANSPORT = "mqtt";
    private static final ThrottledLog REFUSALS = new ThrottledLog(LoggerFactory.getLogger(DeviceAuthorizer.class), 1000);

    private final TopicPolicy policy;
    private final DeviceRegistry registry;
    private final DeviceAuthMetrics metrics;

    DeviceAuthorizer(TopicPolicy policy, DeviceRegistry registry, DeviceAuthMetrics metrics) {
        this.policy = policy;
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String refusal = refusal(input, input.getPublishPacket().getTopic());
        if (refusal == null) {
            output.authorizeSuccessfully();
        } else {
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, refusal);
        }
    }

    /**
     * Null when the client may publish to {@code topic}, otherwise why not (counted and logged). Also
     * asked by the broker intake, which takes device telemetry before HiveMQ's authorizers would run.
     */
    @Override
    public String refusal(ClientBasedInput input, String topic) {
        TopicPolicy.Verdict verdict = verdict(input, who -> policy.publish(who, topic));
        if (verdict == TopicPolicy.Verdict.ALLOWED) {
            return null;
        }
        refused(input, "publish", topic, verdict);
        return "not allowed to publish to " + topic + " (" + verdict.label() + ")";
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        TopicPolicy.Verdict verdict = verdict(input, who -> policy.subscribe(who, filter));
        if (verdict == TopicPolicy.Verdict.ALLOWED) {
            output.authorizeSuccessfully();
            return;
        }
        refused(input, "subscribe", filter, verdict);
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not allowed to subscribe to " + filter + " (" + verdict.label() + ")");
    }

    private TopicPolicy.Verdict verdict(ClientBasedInput input, java.util.function.Function<MqttClientIdentity, TopicPolicy.Verdict> rule) {
        var who = MqttClientIdentity.decode(input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceAuthenticator.IDENTITY_KEY).orElse(null));
        if (who.isEmpty()) {
            return TopicPolicy.Verdict.UNKNOWN_CLIENT;
        }
        if (who.get().kind() == MqttClientIdentity.Kind.DEVICE && registry.find(who.get().device()) == null) {
            return TopicPolicy.Verdict.UNKNOWN_CLIENT;
        }
        return rule.apply(who.get());
    }

    private void refused(ClientBasedInput input, String action, String topic, TopicPolicy.Verdict verdict) {
        metrics.denied(TRANSPORT, action, verdict.label());
        REFUSALS.warn("MQTT {} to '{}' refused ({}) for client '{}' ({})", action, DeviceLogin.printable(topic), verdict.label(),
                DeviceLogin.printable(input.getClientInformation().getClientId()),
                input.getConnectionInformation().getConnectionAttributeStore().getAsString(DeviceAuthenticator.IDENTITY_KEY)
                        .orElse("no identity"));
    }
}
