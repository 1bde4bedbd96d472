package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a platform JVM while a device posts confirmable CoAP messages (Eclipse
 * Californium's client), with InfluxDB unreachable so that every point goes through the disk
 * spool. A 2.04 is sent only once a message is durable, so after a restart with InfluxDB back every
 * message the device saw answered 2.04 is in InfluxDB.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class CoapCrashTest {

    private static final String TOKEN = "coap-crash-test-admin";
    private static final int SENT = 400;
    private static final long BASE_TS = System.currentTimeMillis() - 120_000;

    @TempDir
    Path dir;

    @Test
    void everyMessageAnswered204IsStoredAfterAKill(InfluxServer influx) throws Exception {
        String db = influx.freshDatabase();
        int httpPort = FreePort.tcp();
        Map<String, String> env = ChildPlatform.env(dir, httpPort, "http://127.0.0.1:" + FreePort.tcp(), db, TOKEN); // nobody there
        env.put("PARKOPS_MQTT_PORT", String.valueOf(FreePort.tcp()));
        env.put("PARKOPS_MQTTS_PORT", String.valueOf(FreePort.tcp()));
        env.put("PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true");
        Path log = dir.resolve("platform.log");
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        CoapConfig.register();
        UdpConfig.register();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile()).build();
        CoapClient device = new CoapClient("coap://127.0.0.1:" + env.get("PARKOPS_COAP_PORT") + "/telemetry/nanan/iaq-0001")
                .setEndpoint(endpoint);
        device.setTimeout(30_000L);
        try (ChildPlatform first = ChildPlatform.start(env, httpPort, log)) {
            for (int i = 0; i < 200; i++) {
                post(device, i, answered);
                if (i % 10 == 9) {
                    Thread.sleep(50);
                }
            }
            Eventually.await(Duration.ofSeconds(60), answered::size, n -> n >= 200, "2.04 for the first 200");
            Eventually.await(Duration.ofSeconds(20), () -> first.get("/health", null).body(),
                    b -> b.contains("points wait in the disk spool"), "readings in the disk spool");
            for (int i = 200; i < SENT; i++) { // still posting when the JVM dies
                post(device, i, answered);
            }
            first.kill();
        } finally {
            device.shutdown();
            endpoint.destroy();
        }
        Set<Integer> answeredBeforeKill = Set.copyOf(answered);
        assertThat(answeredBeforeKill).as("2.04s before the kill").hasSizeGreaterThanOrEqualTo(200);

        env.put("PARKOPS_INFLUX_URL", influx.url());
        try (ChildPlatform second = ChildPlatform.start(env, httpPort, log)) {
            List<List<Object>> rows = Eventually.await(Duration.ofSeconds(60), () -> influx.rows(db,
                            "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001'"),
                    r -> r.size() >= answeredBeforeKill.size(), "the spooled readings in InfluxDB");
            Set<Integer> stored = rows.stream().map(r -> ((Number) r.get(1)).intValue() - 400).collect(Collectors.toSet());
            assertThat(stored).as("every message answered 2.04 is stored").containsAll(answeredBeforeKill);
            assertThat(stored).allMatch(i -> i >= 0 && i < SENT);
        }
    }

    private static void post(CoapClient device, int i, Set<Integer> answered) {
        String json = "{\"ts\":" + (BASE_TS + i) + ",\"co2\":" + (400 + i) + "}";
        device.post(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (response.getCode() == ResponseCode.CHANGED) {
                    answered.add(i);
                }
            }

            @Override
            public void onError() {
                // no answer: the device would send it again
            }
        }, json, MediaTypeRegistry.APPLICATION_JSON);
    }
}
