package io.parkops.platform;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a platform JVM that serves devices on the Vert.x MQTT endpoint
 * ({@code PARKOPS_MQTT_ENDPOINT=vertx}) while a signed-in device publishes at QoS 1 with many
 * messages in flight, InfluxDB unreachable so every point goes through the disk spool. The endpoint
 * sends each PUBACK only once its message is durable, so after a restart with InfluxDB back every
 * message the device saw acknowledged is in InfluxDB ({@link KillWhileSpooling}).
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class VertxEndpointCrashTest {

    private static final String TOKEN = "endpoint-crash-admin";

    @TempDir
    Path dir;

    @Test
    void everyMessageAcknowledgedByTheEndpointIsStoredAfterAKill(InfluxServer influx) throws Exception {
        String db = influx.freshDatabase();
        int httpPort = FreePort.tcp();
        int mqttPort = FreePort.tcp();
        Map<String, String> env = ChildPlatform.env(dir, httpPort, "http://127.0.0.1:" + FreePort.tcp(), db, TOKEN); // nobody there
        env.put("PARKOPS_MQTT_ENDPOINT", "vertx");
        env.put("PARKOPS_MQTT_PORT", String.valueOf(mqttPort));
        KillWhileSpooling.run(influx, db, env, httpPort, dir.resolve("platform.log"), () -> {
            Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("iaq-0001").serverHost("127.0.0.1").serverPort(mqttPort)
                    .simpleAuth().username("iaq-0001@nanan").password(TestPlatform.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().buildAsync();
            device.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
            return (i, acknowledged) -> device.publishWith().topic("telemetry/nanan/iaq-0001").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(KillWhileSpooling.payload(i).getBytes(StandardCharsets.UTF_8)).send()
                    .thenAccept(result -> {
                        if (result.getError().isEmpty()) {
                            acknowledged.accept(i);
                        }
                    });
        }, "PUBACKs of the Vert.x endpoint");
    }
}
