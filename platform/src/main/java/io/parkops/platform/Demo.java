package io.parkops.platform;

import io.parkops.sim.ParkSimulator;
import io.parkops.sim.SimOptions;
import io.parkops.sim.fleet.Estate;
import io.vertx.core.Vertx;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parkops demo}: a small simulated park (both lead sites, every built-in type, over MQTT
 * and CoAP) reporting into the platform that runs in the same JVM, so a newcomer sees twins,
 * InfluxDB points and an alert within a minute. {@code parkops demo --estate} simulates the
 * estate instead ({@link Estate}: the lead parks plus 18 generated ones, about 3,000 devices), whose
 * sites the simulator puts to {@code /api/sites}, so the portfolio has 20 sites to compare.
 */
final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final long PROGRESS_EVERY_MS = 15_000;

    private Demo() {
    }

    private static String adminToken(Platform platform) {
        return platform.config().adminToken().or(platform::generatedAdminToken).orElseGet(() -> {
            try {
                return java.nio.file.Files.readString(platform.adminTokenFile()).trim();
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    /**
     * The default CO2 warning waits 10 minutes; the simulated meeting room holds ~1500 ppm for 5. The
     * demo overrides the rule (a rule file of the same id, hot-reloaded) with a 30 s duration so that
     * a newcomer sees the alert within a minute. Delete the file to get the default back.
     */
    static final String CO2_OVERRIDE = """
            {"id": "iaq-co2", "deviceType": "iaq-sensor",
             "message": "DEMO override: CO2 above 1000 ppm for 30 s (the default waits 10 min)",
             "levels": [
               {"severity": "major", "raise": {"property": "environment.co2", "atLeast": 2500}},
               {"severity": "warning", "raise": {"property": "environment.co2", "above": 1000, "for": "30s"},
                "clear": {"property": "environment.co2", "below": 900, "for": "30s"}}]}
            """;

    /** The lead parks as {@code sites/lead-parks.yaml} describes them, unless the platform has them already. */
    static void seedLeadParks(Platform platform) {
        io.parkops.platform.sites.SitesBootstrap.leadParks().forEach(platform.sites()::putIfAbsent);
    }

    /**
     * The demo's simulator run against this platform: the lead parks, or the whole {@link Estate}
     * (whose generated parks the simulator puts to {@code /api/sites} itself).
     */
    static SimOptions simOptions(Platform platform, boolean estate) {
        SimOptions options = SimOptions.defaults()
                .withPlatform(URI.create("http://127.0.0.1:" + platform.httpPort()), adminToken(platform))
                .withMqtt(platform.mqttHost(), platform.mqttPort())
                .withCoap("127.0.0.1", platform.coapPort())
                .withCoapsPort(platform.coapsPort())
                // devices sign in: MQTT with their passwords, CoAPS with their PSKs; plain CoAP joins
                // only where the platform accepts it
                .withProtocols(platform.config().coapAllowUnauthenticated()
                        ? java.util.List.of(io.parkops.sim.Protocol.MQTT, io.parkops.sim.Protocol.COAP, io.parkops.sim.Protocol.COAPS)
                        : java.util.List.of(io.parkops.sim.Protocol.MQTT, io.parkops.sim.Protocol.COAPS));
        return estate ? options.withLayout(Estate.layout()) : options;
    }

    static void start(Vertx vertx, Platform platform, boolean estate) {
        seedLeadParks(platform);
        java.nio.file.Path override = platform.config().dataDir().resolve("rules").resolve("demo-iaq-co2.json");
        try {
            java.nio.file.Files.createDirectories(override.getParent());
            java.nio.file.Files.writeString(override, CO2_OVERRIDE);
            LOG.info("demo: rule override {} (CO2 warning after 30 s instead of 10 min)", override);
        } catch (java.io.IOException e) {
            LOG.warn("demo: cannot write the rule override {}: {}", override, e.getMessage());
        }
        SimOptions options = simOptions(platform, estate);
        String tooFewFiles = io.parkops.sim.FileLimit.check(io.parkops.sim.fleet.ParkLayout.plan(options), true);
        if (tooFewFiles != null) {
            LOG.warn("demo park: {}", tooFewFiles);
        }
        ParkSimulator.start(vertx, options, line -> LOG.info("demo park: {}", line))
                .onSuccess(sim -> {
                    LOG.info("demo park: {} simulated devices of {} sites reporting", sim.devices().size(),
                            sim.devices().stream().map(io.parkops.sim.SimDevice::tenant).distinct().count());
                    vertx.setPeriodic(PROGRESS_EVERY_MS, id -> LOG.info("demo park: {}", sim.stats()));
                })
                .onFailure(e -> LOG.error("demo park could not start: {}", e.getMessage(), e));
    }
}
