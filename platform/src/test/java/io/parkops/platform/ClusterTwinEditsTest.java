package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.MosquittoSub;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twin edits in a cluster: a desired setpoint set through node A's API is in node B's twin, and
 * the command it asks for reaches the device connected to node B's broker ({@code mosquitto_sub});
 * a node C started later has both nodes' twins as their owners last wrote them.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class ClusterTwinEditsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LOOP = """
              - {tenant: nanan, deviceId: loop-1, type: hvac-loop, attributes: {building: b1, floor: "2", zone: 2-east},
                 credentials: {password: secret}}
            """;

    @TempDir
    Path dir;

    @Test
    void aSetpointSetOnNodeAIsInNodeBsTwinAndReachesTheDeviceOnNodeB(InfluxServer influx, KafkaServer kafka) throws Exception {
        Map<String, String> cluster = ClusterModeTest.clusterEnv(kafka.bootstrap());
        try (TestPlatform a = TestPlatform.start(influx, dir.resolve("a"), null, withLoop(dir.resolve("a.yaml"), cluster));
             TestPlatform b = TestPlatform.start(influx, dir.resolve("b"), null, withLoop(dir.resolve("b.yaml"), cluster))) {
            MosquittoSub device = MosquittoSub.subscribed("-h", "127.0.0.1", "-p", String.valueOf(b.platform.mqttPort()),
                    "-q", "1", "-i", "loop-1", "-u", "loop-1@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                    "-t", "command/nanan/loop-1/req/#", "-C", "1", "-W", "50", "-v");

            var put = a.send("PUT", "/api/2/things/nanan:loop-1/features/loop/desiredProperties/setpoint", "23.5",
                    TestPlatform.ADMIN_TOKEN);
            assertThat(put.statusCode()).as(put.body()).isIn(201, 204);

            Eventually.await(WAIT, () -> b.get("/api/2/things/nanan:loop-1/features/loop/desiredProperties/setpoint").body(),
                    "23.5"::equals, "node B's twin with the setpoint set on node A");
            ExternalCommand.Result seen = device.await(Duration.ofSeconds(60));
            assertThat(seen.exitCode()).as(seen.output()).isZero();
            String[] line = seen.stdout().strip().split(" ", 2);
            assertThat(line[0]).as("the command topic").startsWith("command/nanan/loop-1/req/").endsWith("/setSetpoint");
            assertThat(new JsonObject(line[1]).getDouble("setpoint")).isEqualTo(23.5);

            // a node that joins later starts from the twins the owners wrote, without waiting for new readings
            assertThat(DeviceClients.mosquittoPub("127.0.0.1", b.platform.mqttPort(), "nanan", "iaq-0001", "{\"co2\":812}")
                    .exitCode()).isZero();
            Eventually.await(WAIT, () -> a.get(CO2).body(), body -> body.startsWith("812"), "node A's twin");
            Thread.sleep(2000); // the owner writes changed twins every second
            try (TestPlatform c = TestPlatform.start(influx, dir.resolve("c"), null, withLoop(dir.resolve("c.yaml"), cluster))) {
                assertThat(c.get(CO2).body()).as("node C's twin, from the twins topic").startsWith("812");
                assertThat(c.get("/api/2/things/nanan:loop-1/features/loop/desiredProperties/setpoint").body()).isEqualTo("23.5");
            }
        }
    }

    private static final String CO2 = "/api/2/things/nanan:iaq-0001/features/environment/properties/co2";

    /** The test platform's devices plus an hvac loop, in a bootstrap file of its own, with the cluster settings. */
    private static Map<String, String> withLoop(Path file, Map<String, String> cluster) throws Exception {
        String bootstrap = TestPlatform.BOOTSTRAP.replace("\nsites:", "\n" + LOOP + "sites:");
        assertThat(bootstrap).contains("loop-1");
        Files.writeString(file, bootstrap);
        Map<String, String> env = new HashMap<>(cluster);
        env.put("PARKOPS_BOOTSTRAP_FILE", file.toString());
        return env;
    }
}
