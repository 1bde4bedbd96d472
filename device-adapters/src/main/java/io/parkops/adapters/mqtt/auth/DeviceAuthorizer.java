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
import io.parkops.adapters.mqtt.PublishGuard;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;

/**
 * Applies {@link TopicPolicy} to every PUBLISH and SUBSCRIBE on the embedded broker. A refusal
 * is answered the way HiveMQ does for the client's protocol: MQTT 5 gets reason code "not
 * authorized" on its PUBACK/SUBACK; an MQTT 3.1.1 publisher is disconnected and its subscription
 * gets a failure SUBACK. Every refusal is counted by reason and logged (throttled).
 *
 * <p>A device deleted from the registry while still connected is refused from its next message on.
 */
final class DeviceAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer, PublishGuard {

    private final TopicGuard guard;

    DeviceAuthorizer(TopicPolicy policy, DeviceRegistry registry, DeviceAuthMetrics metrics) {
        this.guard = new TopicGuard(policy, registry, metrics);
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
        MqttClientIdentity who = identity(input);
        String client = input.getClientInformation().getClientId();
        return who == null ? guard.unidentified("publish", client, topic) : guard.publishRefusal(who, client, topic);
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        MqttClientIdentity who = identity(input);
        String client = input.getClientInformation().getClientId();
        String refusal = who == null ? guard.unidentified("subscribe", client, filter) : guard.subscribeRefusal(who, client, filter);
        if (refusal == null) {
            output.authorizeSuccessfully();
        } else {
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, refusal);
        }
    }

    /** The identity the authenticator stored on the connection, or null. */
    private static MqttClientIdentity identity(ClientBasedInput input) {
        return MqttClientIdentity.decode(input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceAuthenticator.IDENTITY_KEY).orElse(null)).orElse(null);
    }
}
