package io.parkops.platform;

import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway's PUBACK for a device behind it means what a device's own does: {@code kill -9} of the
 * platform JVM while gateway {@code gw-01} publishes at QoS 1 for {@code iaq-0001} (which names it
 * in {@code via}), InfluxDB unreachable so every point goes through the disk spool; after a restart
 * with InfluxDB back, every message the gateway saw acknowledged is in InfluxDB as iaq-0001's
 * ({@link KillWhileSpooling}).
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class GatewayCrashTest {

    private static final String TOKEN = "gateway-crash-admin";
    private static final String BOOTSTRAP = """
            tenants: [nanan]
            devices:
              - {tenant: nanan, deviceId: gw-01, type: gateway, credentials: {password: gw-secret}}
              - {tenant: nanan, deviceId: iaq-0001, type: iaq-sensor, attributes: {building: b1}, via: [gw-01]}
            """;

    @TempDir
    Path dir;

    @Test
    void everyMessageAcknowledgedToTheGatewayIsStoredAfterAKill(InfluxServer influx) throws Exception {
        String db = influx.freshDatabase();
        int httpPort = FreePort.tcp();
        int mqttPort = FreePort.tcp();
        Map<String, String> env = ChildPlatform.env(dir, httpPort, "http://127.0.0.1:" + FreePort.tcp(), db, TOKEN); // nobody there
        Files.writeString(Path.of(env.get("PARKOPS_BOOTSTRAP_FILE")), BOOTSTRAP);
        env.put("PARKOPS_MQTT_PORT", String.valueOf(mqttPort));
        env.put("PARKOPS_MQTTS_PORT", String.valueOf(FreePort.tcp()));
        KillWhileSpooling.run(influx, db, env, httpPort, dir.resolve("platform.log"),
                KillWhileSpooling.mqtt5(mqttPort, "gw-01", "gw-01@nanan", "gw-secret"),
                "PUBACKs to the gateway");
    }
}
