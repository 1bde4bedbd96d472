package io.parkops.platform;

import io.parkops.sim.ParkSimulator;
import io.parkops.sim.SimOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parkops demo}: a small simulated park (both lead sites, every built-in type, over MQTT
 * and CoAP) reporting into the platform that runs in the same JVM, so a newcomer sees twins,
 * InfluxDB points and an alert within a minute.
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

    static void start(Vertx vertx, Platform platform) {
        SimOptions options = SimOptions.defaults()
                .withPlatform(URI.create("http://127.0.0.1:" + platform.httpPort()), adminToken(platform))
                .withMqtt(platform.mqttHost(), platform.mqttPort())
                .withCoap("127.0.0.1", platform.coapPort());
        ParkSimulator.start(vertx, options)
                .onSuccess(sim -> {
                    LOG.info("demo park: {} simulated devices reporting", sim.devices().size());
                    vertx.setPeriodic(PROGRESS_EVERY_MS, id -> LOG.info("demo park: {}", sim.stats()));
                })
                .onFailure(e -> LOG.error("demo park could not start: {}", e.getMessage(), e));
    }
}
