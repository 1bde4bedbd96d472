package io.parkops.adapters.mqtt;

import java.util.Objects;

/**
 * Where the MQTT ingress subscribes.
 *
 * @param host        broker host
 * @param port        broker port
 * @param clientId    this platform instance's client id (stable across restarts, so the broker keeps its session)
 * @param shareGroup  shared-subscription group: instances in one group split the device traffic
 * @param sessionExpirySeconds how long the broker keeps this instance's session (and queues its
 *                    share of QoS 1 messages) while it is disconnected
 */
public record MqttIngressConfig(String host, int port, String clientId, String shareGroup, long sessionExpirySeconds) {

    public MqttIngressConfig {
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("MQTT broker port must be 1..65535, was " + port);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("MQTT client id must not be empty");
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("PARKOPS_MQTT_SESSION_EXPIRY must be 0..4294967295 seconds, was " + sessionExpirySeconds);
        }
        if (shareGroup == null || !shareGroup.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("MQTT share group must match [A-Za-z0-9_-]+, was " + shareGroup);
        }
    }
}
