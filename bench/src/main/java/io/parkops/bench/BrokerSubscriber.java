package io.parkops.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.reactivex.schedulers.Schedulers;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One QoS 1 subscriber to {@code telemetry/#} that only counts: the broker → one subscriber ceiling.
 * Made as cheap as the client allows so that the ceiling is the broker's, not ours: the counting
 * callback runs on the Netty thread that read the message, so the PUBACK goes out without a hop
 * through RxJava's computation pool (about half the CPU per message of the pooled callback), and
 * MQTT 5 with an explicit receive maximum lets Mosquitto keep more than its default 20 deliveries
 * in flight to it, so a scheduling hiccup of the subscriber fills the window rather than the
 * broker's queue of 1,000, past which Mosquitto drops messages for the client.
 */
final class BrokerSubscriber implements AutoCloseable {

    /**
     * Sent explicitly: Mosquitto takes an MQTT 5 client's receive maximum as its window for that
     * client only when the CONNECT carries it (absent, it keeps max_inflight_messages, 20), and
     * the client leaves the default 65,535 out. 2,000, like the load generator's in-flight bound.
     */
    static final int RECEIVE_MAXIMUM = 2_000;
    private final AtomicLong received = new AtomicLong();
    private final Mqtt5AsyncClient client;

    BrokerSubscriber(String host, int port) throws Exception {
        client = MqttClient.builder().useMqttVersion5().identifier("bench-ceiling-sub").serverHost(host).serverPort(port)
                .executorConfig().nettyThreads(1).applicationScheduler(Schedulers.trampoline()).applyExecutorConfig()
                .buildAsync();
        client.connectWith().cleanStart(true).restrictions().receiveMaximum(RECEIVE_MAXIMUM).applyRestrictions()
                .send().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter("telemetry/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.incrementAndGet()).executor(Runnable::run)
                .send().get(10, TimeUnit.SECONDS);
    }

    /**
     * By hand, to see the subscriber's CPU apart from the driver's:
     * {@code java -cp parkops-bench.jar io.parkops.bench.BrokerSubscriber HOST PORT} prints the
     * count once a second until stopped.
     */
    public static void main(String[] args) throws Exception {
        try (BrokerSubscriber sub = new BrokerSubscriber(args[0], Integer.parseInt(args[1]))) {
            System.out.println("SUBSCRIBED");
            for (long last = 0; ; ) {
                Thread.sleep(1000);
                long now = sub.received();
                System.out.println("received " + now + " (+" + (now - last) + ")");
                last = now;
            }
        }
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
