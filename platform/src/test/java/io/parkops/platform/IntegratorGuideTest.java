package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/integrators.md as written: the definitions in its {@code json FILE} and
 * {@code yaml FILE} blocks are written to those files, and every {@code sh} block is run by bash
 * in order, with only the well-known ports and the database name replaced by this platform's.
 * Then the water meter's, the people counter's and the gateway's meter's data must be in their
 * twins and in InfluxDB, and the site the guide declares in {@code /api/sites}.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class IntegratorGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "integrators.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\S+)(?: (\\S+))?\\n(.*?)^```$");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theGuideWorksAsWritten(InfluxServer influx, @TempDir Path dataDir, @TempDir Path work) throws Exception {
        String guide = Files.readString(GUIDE);
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            List<String> scripts = new ArrayList<>();
            Matcher m = BLOCK.matcher(guide);
            while (m.find()) {
                if (m.group(2) != null) {
                    Files.writeString(work.resolve(m.group(2)), m.group(3));
                } else if (m.group(1).equals("sh")) {
                    scripts.add(localise(m.group(3), p, influx));
                }
            }
            assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
            assertThat(work.resolve("water-meter.json")).exists();
            assertThat(work.resolve("people-counter.yaml")).exists();
            for (String script : scripts) {
                ExternalCommand.Result r = ExternalCommand.run(WAIT, "bash", "-euo", "pipefail", "-c",
                        "cd '" + work + "' && export PARKOPS_DATA_DIR='" + dataDir + "' PARKOPS_TOKEN='"
                                + TestPlatform.ADMIN_TOKEN + "' && " + script);
                assertThat(r.exitCode()).as("script:\n" + script + "\noutput:\n" + r.output()).isZero();
                assertThat(r.output()).as(script).doesNotContain("4.00").doesNotContain("4.15");
            }

            JsonObject water = Eventually.await(WAIT, () -> new JsonObject(p.get("/api/2/things/nanan:wm-0001").body()),
                    t -> t.getJsonObject("features").getJsonObject("water").containsKey("properties"), "the water meter's twin");
            JsonObject wp = water.getJsonObject("features").getJsonObject("water").getJsonObject("properties");
            assertThat(wp.getDouble("volume")).isCloseTo(123.456, within(1e-9));
            assertThat(wp.getDouble("flowRate")).isEqualTo(10.0);
            assertThat(wp.getDouble("battery")).isEqualTo(90.0);
            assertThat(water.getString("definition")).isEqualTo("io.parkops:water-meter:1.0.0");

            JsonObject pc = Eventually.await(WAIT, () -> new JsonObject(p.get("/api/2/things/nanan:pc-0001").body()),
                    t -> t.getJsonObject("features").getJsonObject("occupancy").containsKey("properties"), "the counter's twin");
            assertThat(pc.getJsonObject("features").getJsonObject("occupancy").getJsonObject("properties").getMap())
                    .containsEntry("entries", 412.0).containsEntry("exits", 375.0).containsEntry("present", 37.0);

            // the sites section
            JsonObject north = new JsonObject(p.get("/api/sites/north-park").body());
            assertThat(north.getDouble("areaM2")).isEqualTo(120000.0);
            assertThat(north.getJsonArray("buildings")).hasSize(2);

            // the gateway section: gw-01 published for meter-1, which names it in via
            assertThat(Eventually.await(WAIT, () -> p.get("/api/2/things/nanan:meter-1/features/energy/properties/activePower").body(),
                    "42.5"::equals, "meter-1's reading through gw-01")).isEqualTo("42.5");
            JsonObject status = new JsonObject(p.get("/api/2/things/nanan:gw-01/features/status/properties").body());
            assertThat(status.getBoolean("online")).isTrue();
            assertThat(status.getDouble("connectedDevices")).isEqualTo(1.0);
            assertThat(Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                    "SELECT activePower, building FROM energy WHERE thing = 'nanan:meter-1'"), r -> !r.isEmpty(), "meter-1's point")
                    .get(0).subList(1, 3)).containsExactly(42.5, "b1");

            assertThat(Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                    "SELECT volume, building FROM water WHERE thing = 'nanan:wm-0001'"), r -> !r.isEmpty(), "water points")
                    .get(0).subList(1, 3)).containsExactly(123.456, "b1");
            assertThat(Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                    "SELECT present, zone FROM occupancy WHERE thing = 'nanan:pc-0001'"), r -> !r.isEmpty(), "occupancy points")
                    .get(0).subList(1, 3)).containsExactly(37.0, "lobby");
        }
    }

    /** The guide uses the default ports and database; this platform runs on its own. */
    private static String localise(String script, TestPlatform p, InfluxServer influx) {
        URI influxUri = URI.create(influx.url());
        return script.replace("127.0.0.1:8080", "127.0.0.1:" + p.platform.httpPort())
                .replace("127.0.0.1:5683", "127.0.0.1:" + p.platform.coapPort())
                .replace("127.0.0.1:5684", "127.0.0.1:" + p.platform.coapsPort())
                .replace("-p 1883", "-p " + p.platform.mqttPort())
                .replace("127.0.0.1:8086", influxUri.getHost() + ":" + influxUri.getPort())
                .replace("db=parkops", "db=" + p.influxDb);
    }
}
