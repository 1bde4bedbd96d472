package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.parkops.testing.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external Mosquitto restarts while a device keeps publishing at QoS 1: every message must
 * reach InfluxDB. The device holds what it publishes while the broker is away and sends it after
 * reconnecting with a back-off (2 s, as real firmware does); the platform reconnects and
 * subscribes again sooner. The broker is a private one the test can stop
 * (infra/local/mosquitto.sh, persistence on).
 *
 * <p>Known gap, documented in docs/operations.md: Mosquitto 2.0 does not restore shared
 * subscriptions after a restart, so a message published in the moment between the broker's
 * restart and the platform's new subscription is dropped by the broker. The device therefore
 * reaches the broker through a relay the test opens again only once the platform has subscribed
 * (a probe reading is stored): which of the two reconnects first must not be the machine's speed.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class BrokerRestartTest {

    private static final long BASE_TS = System.currentTimeMillis() - 60_000;

    @TempDir
    Path dir;

    @AfterEach
    void stopBroker() {
        new PrivateMosquitto(dir.resolve("mosquitto")).stopQuietly();
    }

    @Test
    void noQos1MessageIsLostWhenTheBrokerRestarts(InfluxServer influx) throws Exception {
        PrivateMosquitto broker = new PrivateMosquitto(dir.resolve("mosquitto"));
        String url = broker.start();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        int relayPort = io.parkops.testing.FreePort.tcp();
        TcpProxy relay = TcpProxy.open(relayPort, "127.0.0.1", port);
        try (TestPlatform p = TestPlatform.start(influx, dir.resolve("platform"), url,
                java.util.Map.of("PARKOPS_MQTT_SESSION_EXPIRY", "600"))) {
            Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("iaq-0002@nanan").serverHost("127.0.0.1")
                    .serverPort(relayPort).automaticReconnect()
                    .initialDelay(2, TimeUnit.SECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
                    .buildAsync();
            device.connectWith().cleanStart(false).sessionExpiryInterval(600).send().get(10, TimeUnit.SECONDS);

            List<CompletableFuture<?>> acks = new java.util.ArrayList<>();
            publish(device, 0, 100, acks);
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            broker.stop();
            relay.close();
            // published while the broker is down: the device client holds them and sends after reconnecting
            publish(device, 100, 100, acks);
            broker.restart(url);
            double before = p.counter("parkops.messages", "transport", "mqtt", "result", "accepted");
            Eventually.await(Duration.ofSeconds(60), () -> {
                DeviceClients.mosquittoPub("127.0.0.1", port, "nanan", "iaq-0001", "{\"co2\":500}");
                return p.counter("parkops.messages", "transport", "mqtt", "result", "accepted");
            }, n -> n > before, "the platform's subscription again (a probe reading stored)");
            relay = TcpProxy.open(relayPort, "127.0.0.1", port);
            publish(device, 200, 100, acks);
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            List<List<Object>> rows = Eventually.await(Duration.ofSeconds(60), () -> influx.rows(p.influxDb,
                            "SELECT count(co2) FROM environment WHERE thing = 'nanan:iaq-0002'"),
                    r -> !r.isEmpty() && ((Number) r.get(0).get(1)).longValue() == 300, "all 300 readings in InfluxDB");
            assertThat(((Number) rows.get(0).get(1)).longValue()).isEqualTo(300);
            device.disconnect().get(5, TimeUnit.SECONDS);
        } finally {
            relay.close();
        }
    }

    private static void publish(Mqtt5AsyncClient device, int from, int count, List<CompletableFuture<?>> acks) {
        for (int i = from; i < from + count; i++) {
            String json = "{\"ts\":" + (BASE_TS + i) + ",\"co2\":" + (400 + i) + "}";
            acks.add(device.publishWith().topic("telemetry/nanan/iaq-0002").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(json.getBytes(StandardCharsets.UTF_8)).send());
        }
    }
}
