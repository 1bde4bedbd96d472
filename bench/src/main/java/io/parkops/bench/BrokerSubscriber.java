package io.parkops.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One QoS 1 subscriber to {@code telemetry/#} that only counts: the broker → one subscriber ceiling. */
final class BrokerSubscriber implements AutoCloseable {

    private final AtomicLong received = new AtomicLong();
    private final Mqtt3AsyncClient client;

    BrokerSubscriber(String host, int port) throws Exception {
        client = MqttClient.builder().useMqttVersion3().identifier("bench-ceiling-sub").serverHost(host).serverPort(port)
                .buildAsync();
        client.connectWith().cleanSession(true).send().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter("telemetry/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.incrementAndGet()).send().get(10, TimeUnit.SECONDS);
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the measurement is done
        }
    }
}
