package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A type file in the data folder is edited while a meter keeps sending binary frames with
 * {@code coap-client-notls -t 42}: the next frame uses the new layout; an invalid edit is refused
 * (visible in the API) and the previous layout keeps working.
 */
@ExtendWith(RealServices.class)
@Timeout(90)
class DeviceTypeHotReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String METER = """
            {"id": "flow-meter", "version": "%s", "reportingIntervalSeconds": 60,
             "features": {"water": {"properties": {
               "volume": {"type": "number", "unit": "m³", "minimum": 0},
               "battery": {"type": "number", "unit": "%%", "minimum": 0, "maximum": 100}}}},
             "payloads": {"binary": {"length": 5, "fields": {
               "volume": {"offset": 0, "type": "%s", "scale": %s},
               "battery": {"offset": 4, "type": "u8"}}}}}
            """;

    @Test
    void anEditedTypeFileTakesEffectForTheNextMessageAndABadEditIsRefused(InfluxServer influx, @TempDir Path dataDir,
                                                                          @TempDir Path work) throws Exception {
        Path file = dataDir.resolve("device-types/flow-meter.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, METER.formatted("1", "u32", "0.001"));
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, TestPlatform.ANONYMOUS_DEVICES)) {
            TypesHttp.provision(p, "fm-1", "flow-meter");

            send(p, work, "000186A0" + "50"); // 100000 -> 100 m³ with scale 0.001
            awaitVolume(p, 100.0);

            Files.writeString(file, METER.formatted("2", "u32", "0.01"));
            Eventually.await(WAIT, () -> new JsonObject(p.get("/api/device-types/flow-meter").body()).getString("version"),
                    "2"::equals, "version 2 to be active");
            send(p, work, "000186A1" + "50"); // 100001 -> 1000.01 m³ with the new scale
            awaitVolume(p, 1000.01);

            Files.writeString(file, METER.formatted("3", "u64", "0.1"));
            JsonArray errors = Eventually.await(WAIT, () -> new JsonObject(p.get("/api/device-types").body()).getJsonArray("errors"),
                    e -> !e.isEmpty(), "the refused edit in the API");
            assertThat(errors.getJsonObject(0).getString("file")).isEqualTo("flow-meter.json");
            assertThat(errors.getJsonObject(0).getString("message")).contains("flow-meter.json").contains("volume")
                    .contains("binary type 'u64' must be one of");
            assertThat(new JsonObject(p.get("/api/device-types/flow-meter").body()).getString("version")).isEqualTo("2");
            send(p, work, "000186A2" + "50"); // still the version 2 layout: 1000.02
            awaitVolume(p, 1000.02);

            assertThat(Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                            "SELECT volume FROM water WHERE thing = 'nanan:fm-1'"), r -> r.size() >= 3, "three points")
                    .stream().map(r -> (Double) r.get(1))).containsExactly(100.0, 1000.01, 1000.02);
        }
    }

    @Test
    void aFrameOfTheWrongLengthGetsBadRequestWithTheReason(InfluxServer influx, @TempDir Path dataDir, @TempDir Path work)
            throws Exception {
        Path file = dataDir.resolve("device-types/flow-meter.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, METER.formatted("1", "u32", "0.001"));
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, TestPlatform.ANONYMOUS_DEVICES)) {
            TypesHttp.provision(p, "fm-2", "flow-meter");
            Path frame = work.resolve("short.bin");
            Files.write(frame, HexFormat.of().parseHex("0001"));
            ExternalCommand.Result r = ExternalCommand.run(WAIT, "coap-client-notls", "-m", "post", "-t", "42", "-f", frame.toString(),
                    "coap://127.0.0.1:" + p.platform.coapPort() + "/telemetry/nanan/fm-2");
            assertThat(r.output()).contains("4.00").contains("binary frame of 2 bytes; type 'flow-meter' expects exactly 5");
        }
    }

    private static void send(TestPlatform p, Path work, String hex) throws Exception {
        Path frame = work.resolve("frame.bin");
        Files.write(frame, HexFormat.of().parseHex(hex));
        ExternalCommand.Result r = ExternalCommand.run(WAIT, "coap-client-notls", "-m", "post", "-t", "42", "-f", frame.toString(),
                "coap://127.0.0.1:" + p.platform.coapPort() + "/telemetry/nanan/fm-1");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("4.");
    }

    private static void awaitVolume(TestPlatform p, double volume) throws Exception {
        JsonObject props = Eventually.await(WAIT, () -> new JsonObject(p.get("/api/2/things/nanan:fm-1/features/water/properties").body()),
                x -> x.containsKey("volume") && Math.abs(x.getDouble("volume") - volume) < 1e-9, "volume " + volume);
        assertThat(props.getDouble("volume")).isCloseTo(volume, within(1e-9));
    }
}
