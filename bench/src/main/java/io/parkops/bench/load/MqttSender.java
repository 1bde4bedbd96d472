package io.parkops.bench.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * QoS 1 publisher over a few MQTT 3.1.1 connections (HiveMQ client, two Netty threads shared by
 * all connections). Topics are built once per device. A publish counts as accepted when its PUBACK
 * arrives; the broker's flow control (receive maximum) and the caller's in-flight bound slow it down.
 */
final class MqttSender implements Sender {

    private final List<Mqtt3AsyncClient> clients = new ArrayList<>();
    private final MqttTopic[] topics;

    MqttSender(LoadArgs args) {
        topics = new MqttTopic[args.devices()];
        for (int d = 0; d < topics.length; d++) {
            topics[d] = MqttTopic.of("telemetry/" + args.tenant() + "/" + args.deviceId(d));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<?>> connects = new ArrayList<>();
        for (int c = 0; c < args.connections(); c++) {
            Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3()
                    .identifier("bench-" + run + "-" + c)
                    .serverHost(args.host()).serverPort(args.port())
                    .executorConfig().nettyThreads(2).applyExecutorConfig()
                    .buildAsync();
            clients.add(client);
            connects.add(client.connectWith().cleanSession(true).keepAlive(60).send());
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Override
    public void send(int device, byte[] payload, Callback callback) {
        clients.get(device % clients.size()).publishWith().topic(topics[device]).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload).send()
                .whenComplete((ack, error) -> callback.done(error == null ? Outcome.ACCEPTED : Outcome.FAILED));
    }

    @Override
    public void close() {
        for (Mqtt3AsyncClient c : clients) {
            try {
                c.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the run is over; a slow disconnect changes no number
            }
        }
    }
}
