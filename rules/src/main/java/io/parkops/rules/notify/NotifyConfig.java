package io.parkops.rules.notify;

import java.time.Duration;
import java.util.List;

/**
 * Where alert transitions go besides SSE.
 *
 * @param mqttHost      broker for {@code alerts/{tenant}/{deviceId}}, or null for no MQTT notifications
 * @param mqttPort      its port
 * @param clientId      MQTT client id of the notifier
 * @param webhooks      webhook subscriptions
 * @param maxAttempts   deliveries tried per webhook call before it goes to the dead letters
 * @param firstRetry    delay before the first retry; doubles per failure
 * @param maxDeadLetters how many failed deliveries are kept for the API (oldest dropped)
 */
public record NotifyConfig(String mqttHost, int mqttPort, String clientId, List<Webhook> webhooks, int maxAttempts,
                           Duration firstRetry, int maxDeadLetters) {

    public NotifyConfig {
        if (mqttHost != null && (mqttPort <= 0 || mqttPort > 65535)) {
            throw new IllegalArgumentException("notify mqttPort must be 1..65535, got " + mqttPort);
        }
        webhooks = List.copyOf(webhooks == null ? List.of() : webhooks);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("notify maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (firstRetry == null || firstRetry.isNegative()) {
            throw new IllegalArgumentException("notify firstRetry must be a positive duration");
        }
        if (maxDeadLetters < 0) {
            throw new IllegalArgumentException("notify maxDeadLetters must be >= 0");
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * MQTT to this broker, these webhooks, 6 attempts from 1 s (1+2+4+8+16 s of retries), 1000 dead
     * letters. The client id is unique per process and instance: a broker disconnects the older of
     * two clients with one id.
     */
    public static NotifyConfig of(String mqttHost, int mqttPort, List<Webhook> webhooks) {
        return new NotifyConfig(mqttHost, mqttPort, "parkops-alerts-" + ProcessHandle.current().pid() + "-"
                + INSTANCES.incrementAndGet(), webhooks, 6, Duration.ofSeconds(1), 1000);
    }
}
