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
 * @param receiveMaximum QoS 1 messages the broker may send before ParkOps acknowledges them
 *                    (MQTT 5 flow control); ParkOps acknowledges once a message is durable, so
 *                    this bounds what the ingress holds in memory ({@code PARKOPS_MQTT_RECEIVE_MAXIMUM})
 */
public record MqttIngressConfig(String host, int port, String clientId, String shareGroup, long sessionExpirySeconds,
                                int receiveMaximum) {

    public static final int DEFAULT_RECEIVE_MAXIMUM = 2000;

    /** With the default receive maximum. */
    public MqttIngressConfig(String host, int port, String clientId, String shareGroup, long sessionExpirySeconds) {
        this(host, port, clientId, shareGroup, sessionExpirySeconds, DEFAULT_RECEIVE_MAXIMUM);
    }

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
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("PARKOPS_MQTT_RECEIVE_MAXIMUM must be 1..65535, was " + receiveMaximum);
        }
        if (shareGroup == null || !shareGroup.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("MQTT share group must match [A-Za-z0-9_-]+, was " + shareGroup);
        }
    }
}
