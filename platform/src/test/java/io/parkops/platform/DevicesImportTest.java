package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.platform.cli.DevicesCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code parkops devices import FILE} against a running platform: CSV and JSON, progress, rejected rows. */
@ExtendWith(RealServices.class)
@Timeout(60)
class DevicesImportTest {

    @Test
    void importsCsvAndJsonReportingRejectedRowsWithTheirReason(InfluxServer influx, @TempDir Path dataDir, @TempDir Path work)
            throws Exception {
        Path csv = work.resolve("devices.csv");
        Files.writeString(csv, """
                tenant,deviceId,type,building,floor,zone,password,psk,rack
                nanan,ont-0100,ont,b3,5,5-east,pw-100,,r12
                nanan,ont-0101,ont,b3,5,5-west,,key-101,
                nanan,bad id,ont,b3,5,5-west,,,
                nanan,x-0001,no-such-type,b3,5,,,,
                """);
        Path json = work.resolve("devices.json");
        Files.writeString(json, """
                [{"tenant":"xinshengli","deviceId":"pad-0100","type":"drone-pad","attributes":{"building":"roof-2"}},
                 {"tenant":"xinshengli","deviceId":"pad-0100","type":"drone-pad"}]
                """);
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            String url = "http://127.0.0.1:" + p.platform.httpPort();
            Run csvRun = run("import", csv.toString(), "--url", url, "--token", TestPlatform.ADMIN_TOKEN);
            assertThat(csvRun.code).isEqualTo(1);
            assertThat(csvRun.out).contains("provisioning: 4/4 (2 rejected)").contains("2 of 4 devices provisioned, 2 rejected")
                    .contains("row 3 (nanan/bad id): 400 deviceId 'bad id' must match")
                    .contains("row 4 (nanan/x-0001): 400 type 'no-such-type' is not a known device type");

            JsonObject ont = new JsonObject(p.get("/api/devices/nanan/ont-0100").body());
            assertThat(ont.getJsonObject("attributes").getMap()).containsEntry("zone", "5-east").containsEntry("rack", "r12");
            assertThat(ont.getJsonObject("credentials").getMap()).isEqualTo(Map.of("password", true, "psk", false));
            assertThat(ont.encode()).doesNotContain("pw-100");
            assertThat(new JsonObject(p.get("/api/devices/nanan/ont-0101").body()).getJsonObject("credentials").getMap())
                    .isEqualTo(Map.of("password", false, "psk", true));
            assertThat(p.get("/api/devices/nanan/ont-0101").body()).doesNotContain("key-101");
            Eventually.await(java.time.Duration.ofSeconds(10), () -> p.get("/api/2/things/nanan:ont-0100").statusCode(),
                    status -> status == 200, "the provisioned device's twin"); // made on the event of its provisioning

            Run jsonRun = run("import", json.toString(), "--url", url, "--token", TestPlatform.ADMIN_TOKEN);
            // rows are posted concurrently, so either of the two duplicates may be the one refused
            assertThat(jsonRun.out).contains("1 of 2 devices provisioned, 1 rejected").containsPattern("row [12] \\(xinshengli/pad-0100\\): 409");
        }
    }

    @Test
    void importsTheGatewaysOfEachDeviceFromCsvAndJson(InfluxServer influx, @TempDir Path dataDir, @TempDir Path work)
            throws Exception {
        Path csv = work.resolve("meters.csv");
        // the meters come before their gateways: rows are posted in any order, via need not exist yet
        Files.writeString(csv, """
                tenant,deviceId,type,via,building
                nanan,meter-1,energy-meter,gw-01,b1
                nanan,meter-2,energy-meter,gw-01; gw-02,b1
                nanan,meter-3,energy-meter,gw-01;bad id,b1
                nanan,gw-01,gateway,,b1
                """);
        Path json = work.resolve("loops.json");
        Files.writeString(json, """
                [{"tenant":"nanan","deviceId":"loop-1","type":"hvac-loop","via":["gw-01"]},
                 {"tenant":"nanan","deviceId":"loop-2","type":"hvac-loop","via":"gw-01"}]
                """);
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            String url = "http://127.0.0.1:" + p.platform.httpPort();
            Run csvRun = run("import", csv.toString(), "--url", url, "--token", TestPlatform.ADMIN_TOKEN);
            assertThat(csvRun.out).contains("3 of 4 devices provisioned, 1 rejected")
                    .contains("row 3 (nanan/meter-3): 400 via[1] 'bad id' must match");
            assertThat(viaOf(p, "meter-1")).containsExactly("gw-01");
            assertThat(viaOf(p, "meter-2")).containsExactly("gw-01", "gw-02");
            assertThat(viaOf(p, "gw-01")).isEmpty();

            Run jsonRun = run("import", json.toString(), "--url", url, "--token", TestPlatform.ADMIN_TOKEN);
            assertThat(jsonRun.out).contains("1 of 2 devices provisioned, 1 rejected")
                    .contains("row 2 (nanan/loop-2): 400 via must be an array of gateway device ids");
            assertThat(viaOf(p, "loop-1")).containsExactly("gw-01");
        }
    }

    @Test
    void importsPreHashedPasswordsTheDevicesThenSignInWith(InfluxServer influx, @TempDir Path dataDir, @TempDir Path work)
            throws Exception {
        String hash = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2a", "meter-pw".toCharArray(),
                "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), 10);
        Path csv = work.resolve("hashed.csv");
        Files.writeString(csv, "tenant,deviceId,type,passwordHash,building\n"
                + "nanan,em-h1,energy-meter," + hash + ",b1\n"
                + "nanan,em-h2,energy-meter,$2a$10$not-a-hash,b1\n");
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            Run run = run("import", csv.toString(), "--url", "http://127.0.0.1:" + p.platform.httpPort(),
                    "--token", TestPlatform.ADMIN_TOKEN);
            assertThat(run.out).containsPattern("provisioning: 2/2 \\(1 rejected\\), [0-9.]+ devices/s in \\d+ s")
                    .contains("row 2 (nanan/em-h2): 400 credentials.passwordHash must be a bcrypt hash of 60 characters");
            var signIn = io.parkops.testing.ExternalCommand.run(java.time.Duration.ofSeconds(20), "mosquitto_pub", "-h", "127.0.0.1",
                    "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-u", "em-h1@nanan", "-P", "meter-pw",
                    "-t", "telemetry/nanan/em-h1", "-m", "{\"activePower\":12.5}");
            assertThat(signIn.exitCode()).as(signIn.output()).isZero();
            Eventually.await(java.time.Duration.ofSeconds(10),
                    () -> p.get("/api/2/things/nanan:em-h1/features/energy/properties/activePower").body(),
                    b -> b.equals("12.5"), "em-h1's reading in its twin");
        }
    }

    private static java.util.List<Object> viaOf(TestPlatform p, String deviceId) throws Exception {
        return new JsonObject(p.get("/api/devices/nanan/" + deviceId).body()).getJsonArray("via").getList();
    }

    @Test
    void saysWhenTheFileCannotBeRead(@TempDir Path work) {
        Run r = run("import", work.resolve("missing.csv").toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("missing.csv cannot be read");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new DevicesCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args, Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
