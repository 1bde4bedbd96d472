package io.parkops.adapters.mqtt;

import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;

/** Decides whether a connected client may publish to a topic on the embedded broker. */
@FunctionalInterface
public interface PublishGuard {

    /** Every client may publish everywhere (device authentication off). */
    PublishGuard OPEN = (client, topic) -> null;

    /** Null when {@code client} may publish to {@code topic}, otherwise the reason, for the client and the log. */
    String refusal(ClientBasedInput client, String topic);
}
