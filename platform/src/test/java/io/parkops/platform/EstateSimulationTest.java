package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.sim.ParkSimulator;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import io.parkops.sim.fleet.Estate;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The simulated estate of {@code ./parkops demo --estate} against a real platform with device sign-in
 * on: the demo seeds the two lead parks, the simulator puts the 18 generated parks to
 * {@code /api/sites} beside them, and devices
 * of all 20 sites sign in (MQTT with their pre-hashed passwords, CoAPS with their keys) and are
 * stored in InfluxDB; in Chromium the dashboard offers every park by name. Scaled down to 240 devices at 120 messages a second, as {@code --devices 240
 * --rate 120} would run it, so that it takes seconds; the full estate is the same layout.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class EstateSimulationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void estateLayoutGivesTwentySitesWhoseDevicesAllReport(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        // no devices from a bootstrap file: the simulator's nanan devices would find theirs taken, with other passwords
        Path bootstrap = java.nio.file.Files.writeString(dataDir.resolve("tenants-only.yaml"), "tenants: [nanan, xinshengli]\n");
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, java.util.Map.of("PARKOPS_BOOTSTRAP_FILE", bootstrap.toString()))) {
            Demo.seedLeadParks(p.platform);
            SimOptions options = Demo.simOptions(p.platform, true).withTotalDevices(240).withRate(120);
            ParkSimulator sim = ParkSimulator.start(p.vertx, options).await(120, TimeUnit.SECONDS);
            try {
                Set<String> tenants = Estate.layout().tenants().stream().collect(Collectors.toCollection(TreeSet::new));
                assertThat(sim.devices()).hasSize(240);
                assertThat(sim.devices().stream().map(SimDevice::tenant).collect(Collectors.toSet())).isEqualTo(tenants);

                JsonArray sites = new JsonArray(p.get("/api/sites").body());
                Set<String> siteIds = sites.stream().map(s -> ((JsonObject) s).getString("id")).collect(Collectors.toCollection(TreeSet::new));
                assertThat(siteIds).isEqualTo(tenants);
                JsonObject suzhou = new JsonObject(p.get("/api/sites/suzhou-bay").body());
                assertThat(suzhou.getString("name")).isEqualTo("Suzhou Bay Digital Park");
                assertThat(suzhou.getDouble("areaM2")).isBetween(40_000.0, 300_000.0);
                assertThat(suzhou.getString("timeZone")).isEqualTo("Asia/Shanghai");
                assertThat(suzhou.getJsonArray("buildings")).hasSizeBetween(1, 12);
                // the lead parks stay as the platform describes them
                assertThat(new JsonObject(p.get("/api/sites/nanan").body()).getDouble("areaM2")).isEqualTo(450_000.0);

                Set<String> stored = Eventually.await(WAIT, () -> tenantsIn(influx, p.influxDb),
                        s -> s.equals(tenants), "points of every site's energy meters in InfluxDB");
                assertThat(stored).hasSize(20);
                SimDevice generated = sim.devices().stream().filter(d -> d.tenant().equals("suzhou-bay")).findFirst().orElseThrow();
                JsonObject twin = Eventually.await(WAIT, () -> new JsonObject(p.get("/api/2/things/" + generated.thingId().dittoId()).body()),
                        t -> t.containsKey("features") && !t.getJsonObject("features").isEmpty(), "a reported twin of suzhou-bay");
                Set<String> buildings = suzhou.getJsonArray("buildings").stream()
                        .map(b -> ((JsonObject) b).getString("id")).collect(Collectors.toSet());
                assertThat(buildings).contains(twin.getJsonObject("attributes").getString("building"));
                assertThat(sim.stats().errors()).as(String.valueOf(sim.lastError())).isZero();

                // what a facility manager sees: every park offered by name, a generated park's devices on picking it
                try (Browser browser = new Browser(dataDir.resolve("profile"), 1280, 900)) {
                    browser.signIn(p, TestPlatform.ADMIN_TOKEN, "devices");
                    Select picker = new Select(browser.await(By.id("site")));
                    Eventually.await(WAIT, () -> picker.getOptions().size(), n -> n >= 20, "20 sites in the picker");
                    assertThat(picker.getOptions()).extracting(o -> o.getAttribute("value")).containsAll(tenants);
                    assertThat(picker.getOptions()).extracting(WebElement::getText)
                            .contains("Suzhou Bay Digital Park (suzhou-bay)", "Haiphong East Gate Park (haiphong-eastgate)");
                    picker.selectByValue("suzhou-bay");
                    browser.awaitText(By.id("device-table"), "suzhou");
                    browser.screenshot("dashboard-estate-devices");
                    assertThat(browser.cspViolations()).isEmpty();
                }
            } finally {
                sim.stop().await(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Set<String> tenantsIn(InfluxServer influx, String db) {
        return influx.rows(db, "SHOW TAG VALUES FROM \"energy\" WITH KEY = \"tenant\"").stream()
                .map(row -> String.valueOf(row.get(1))).collect(Collectors.toCollection(TreeSet::new));
    }
}
