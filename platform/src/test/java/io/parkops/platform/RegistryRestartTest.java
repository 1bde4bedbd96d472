package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Devices provisioned over the API, with their credentials, are still there after a restart. */
@ExtendWith(RealServices.class)
@Timeout(120)
class RegistryRestartTest {

    @Test
    void devicesProvisionedOverTheApiSurviveARestart(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, TestPlatform.ANONYMOUS_DEVICES)) {
            var created = p.post("/api/devices", """
                    {"tenant":"north-park","deviceId":"ont-0042","type":"ont","attributes":{"building":"t2","floor":"7"},
                     "credentials":{"password":"s3cret"}}""");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Thread.sleep(1_500); // the registry's background commit
        }
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, TestPlatform.ANONYMOUS_DEVICES)) {
            JsonObject device = new JsonObject(p.get("/api/devices/north-park/ont-0042").body());
            assertThat(device.getString("type")).isEqualTo("ont");
            assertThat(device.getJsonObject("attributes").getString("floor")).isEqualTo("7");
            assertThat(device.getJsonObject("credentials").getBoolean("password")).isTrue();
            ExternalCommand.Result r = DeviceClients.coapPost(p.platform.coapPort(), "/telemetry/north-park/ont-0042",
                    "{\"rxPower\":-19.5,\"linkUp\":true}");
            assertThat(r.exitCode()).as(r.output()).isZero();
            Eventually.await(Duration.ofSeconds(20), () -> p.get("/api/2/things/north.park:ont-0042/features/optical/properties/rxPower").body(),
                    "-19.5"::equals, "the reading of the restored device");
        }
    }
}
