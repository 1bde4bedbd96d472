package io.parkops.platform;

import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import java.util.Map;
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
        KillWhileSpooling.run(influx, db, env, httpPort, dir.resolve("platform.log"),
                KillWhileSpooling.mqtt5(mqttPort, "iaq-0001", "iaq-0001@nanan", TestPlatform.DEVICE_PASSWORD),
                "PUBACKs of the Vert.x endpoint");
    }
}
