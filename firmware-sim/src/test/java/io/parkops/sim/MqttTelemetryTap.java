package io.parkops.sim;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Subscribes to {@code telemetry/#} on a real broker and records what devices publish. */
final class MqttTelemetryTap implements AutoCloseable {

    static final String BROKER_ENV = "PARKOPS_TEST_MQTT_URL";

    record Received(String topic, String payload) {
        JsonObject json() {
            return new JsonObject(payload);
        }
    }

    private final Mqtt5AsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    MqttTelemetryTap(URI broker) throws Exception {
        client = MqttClient.builder().useMqttVersion5()
                .identifier("sim-test-tap-" + UUID.randomUUID())
                .serverHost(broker.getHost()).serverPort(broker.getPort())
                .buildAsync();
        client.connect().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter("telemetry/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(new Received(p.getTopic().toString(),
                        new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))))
                .send().get(10, TimeUnit.SECONDS);
    }

    /** The broker named by {@code PARKOPS_TEST_MQTT_URL} ({@code tcp://host:port}), if any. */
    static Optional<URI> brokerFromEnv() {
        return Optional.ofNullable(System.getenv(BROKER_ENV)).filter(s -> !s.isBlank()).map(URI::create);
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(10, TimeUnit.SECONDS);
    }
}
