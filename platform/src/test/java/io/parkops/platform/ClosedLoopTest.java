package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.sim.ParkSimulator;
import io.parkops.sim.Protocol;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A desired setpoint set over Ditto's HTTP API reaches the device and shows converged in the
 * twin: with the simulated hvac-loop firmware (which obeys and answers) over MQTT and CoAP,
 * also when the device is offline at the time, and with mosquitto and libcoap clients playing
 * the device.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class ClosedLoopTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"MQTT", "COAP"})
    void simulatedHvacLoopObeysAndConvergesEvenAfterBeingOffline(Protocol protocol, InfluxServer influx,
                                                                 @TempDir Path dataDir) throws Exception {
        obeysAndConvergesEvenAfterBeingOffline(protocol, TestPlatform.ANONYMOUS_DEVICES, influx, dataDir);
    }

    /** The same over the Vert.x MQTT endpoint: its command comes again when the device subscribes after being offline. */
    @Test
    void simulatedHvacLoopOverTheVertxEndpointObeysAndConvergesEvenAfterBeingOffline(InfluxServer influx, @TempDir Path dataDir)
            throws Exception {
        java.util.Map<String, String> env = new java.util.HashMap<>(TestPlatform.ANONYMOUS_DEVICES);
        env.putAll(VertxEndpointTest.VERTX);
        obeysAndConvergesEvenAfterBeingOffline(Protocol.MQTT, env, influx, dataDir);
    }

    private void obeysAndConvergesEvenAfterBeingOffline(Protocol protocol, java.util.Map<String, String> env, InfluxServer influx,
                                                        Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, env)) {
            SimOptions options = SimOptions.defaults()
                    .withPlatform(p.http(""), TestPlatform.ADMIN_TOKEN)
                    .withMqtt("127.0.0.1", p.platform.mqttPort())
                    .withCoap("127.0.0.1", p.platform.coapPort())
                    .withFleet(List.of("xinshengli"), 1)
                    .withProtocol(protocol)
                    .withInterval(Duration.ofMillis(300));
            ParkSimulator sim = ParkSimulator.start(p.vertx, options).await(60, TimeUnit.SECONDS);
            SimDevice hvac = sim.devices().stream().filter(d -> d.type().equals("hvac-loop")).findFirst().orElseThrow();
            String thing = "/api/2/things/" + hvac.thingId().dittoId();

            assertThat(put(p, thing + "/features/loop/desiredProperties/setpoint", "24.5").statusCode()).isEqualTo(201);
            JsonObject state = awaitState(p, thing, s -> s.getJsonObject("command").getString("state").equals("acknowledged")
                    && s.getBoolean("converged"));
            assertThat(state.getString("setBy")).isEqualTo("http:admin"); // the signed-in caller
            assertThat(state.getDouble("reported")).isEqualTo(24.5);

            sim.stop().await(20, TimeUnit.SECONDS); // the device goes offline
            assertThat(put(p, thing + "/features/loop/desiredProperties/setpoint", "19").statusCode()).isEqualTo(204);
            // the tracker writes the new desired value's state on its own thread: wait for it, then look
            JsonObject whileAway = awaitState(p, thing, s -> s.getDouble("value") == 19.0);
            assertThat(whileAway.getBoolean("converged")).isFalse();
            assertThat(whileAway.getJsonObject("command").getString("state")).isIn("pending", "sent");

            ParkSimulator back = ParkSimulator.start(p.vertx, options).await(60, TimeUnit.SECONDS);
            try {
                awaitState(p, thing, s -> s.getDouble("value") == 19.0 && s.getBoolean("converged")
                        && s.getJsonObject("command").getString("state").equals("acknowledged"));
            } finally {
                back.stop().await(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void mosquittoClientGetsTheCommandWhenItComesBackAndItsAnswerIsMatched(InfluxServer influx, @TempDir Path dataDir)
            throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, TestPlatform.ANONYMOUS_DEVICES)) {
            provision(p, "hvac-m1");
            String thing = "/api/2/things/xinshengli:hvac-m1";
            // set while nobody listens on the device's command topic: the device is offline
            assertThat(put(p, thing + "/features/loop/desiredProperties/setpoint", "23.5").statusCode()).isEqualTo(201);
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(p.platform.mqttPort()),
                    "-i", "hvac-m1-commands", "-q", "1", "-v", "-C", "1", "-W", "40",
                    "-t", "command/xinshengli/hvac-m1/req/#").redirectErrorStream(true).start();
            try {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (sub.isAlive() && System.nanoTime() < deadline) { // the device is back and reports
                    assertThat(DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "xinshengli", "hvac-m1",
                            "{\"processValue\":21.0,\"setpoint\":22.0}").exitCode()).isZero();
                    sub.waitFor(1500, TimeUnit.MILLISECONDS);
                }
                String line = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(line).startsWith("command/xinshengli/hvac-m1/req/").contains("/setSetpoint {\"setpoint\":23.5}");
                String reqId = line.split(" ")[0].split("/")[4];
                assertThat(metadata(p, thing).getJsonObject("command").getString("reqId")).isEqualTo(reqId);

                ExternalCommand.Result answer = ExternalCommand.run(WAIT, "mosquitto_pub", "-h", "127.0.0.1",
                        "-p", String.valueOf(p.platform.mqttPort()), "-q", "1",
                        "-t", "command/xinshengli/hvac-m1/res/" + reqId + "/200", "-n");
                assertThat(answer.exitCode()).as(answer.output()).isZero();
                awaitState(p, thing, s -> s.getJsonObject("command").getString("state").equals("acknowledged"));
                DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "xinshengli", "hvac-m1",
                        "{\"processValue\":21.5,\"setpoint\":23.5}");
                awaitState(p, thing, s -> s.getBoolean("converged"));
            } finally {
                sub.destroyForcibly();
            }
        }
    }

    @Test
    void coapClientGetsTheCommandOnTheNext204AndAnswersIt(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, TestPlatform.ANONYMOUS_DEVICES)) {
            provision(p, "hvac-c1");
            String thing = "/api/2/things/xinshengli:hvac-c1";
            assertThat(put(p, thing + "/features/loop/desiredProperties/setpoint", "23").statusCode()).isEqualTo(201);
            ExternalCommand.Result next = Eventually.await(WAIT, () -> DeviceClients.coapPost(p.platform.coapPort(),
                    "/telemetry/xinshengli/hvac-c1", "{\"processValue\":21.0,\"setpoint\":22.0}"),
                    r -> r.stdout().contains("setpoint"), "a command on the 2.04");
            assertThat(new JsonObject(next.stdout().trim()).getDouble("setpoint")).isEqualTo(23.0);
            JsonObject sent = awaitState(p, thing, s -> s.getJsonObject("command").getString("state").equals("sent"));
            String reqId = sent.getJsonObject("command").getString("reqId");

            ExternalCommand.Result answer = ExternalCommand.run(WAIT, "coap-client-notls", "-m", "post",
                    "coap://127.0.0.1:" + p.platform.coapPort() + "/command/res/xinshengli/hvac-c1/" + reqId + "?hono-cmd-status=200");
            assertThat(answer.exitCode()).as(answer.output()).isZero();
            awaitState(p, thing, s -> s.getJsonObject("command").getString("state").equals("acknowledged"));
            DeviceClients.coapPost(p.platform.coapPort(), "/telemetry/xinshengli/hvac-c1", "{\"processValue\":22.1,\"setpoint\":23.0}");
            awaitState(p, thing, s -> s.getBoolean("converged"));
        }
    }

    private static void provision(TestPlatform p, String deviceId) throws Exception {
        HttpResponse<String> r = p.post("/api/devices", "{\"tenant\":\"xinshengli\",\"deviceId\":\"" + deviceId
                + "\",\"type\":\"hvac-loop\",\"attributes\":{\"building\":\"h1\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Eventually.await(WAIT, () -> p.get("/api/2/things/xinshengli:" + deviceId), g -> g.statusCode() == 200, "the twin");
    }

    private static HttpResponse<String> put(TestPlatform p, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(p.http(path)).timeout(Duration.ofSeconds(5))
                .header("content-type", "application/json").header("Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject metadata(TestPlatform p, String thing) throws Exception {
        HttpResponse<String> r = p.get(thing + "?fields=_metadata");
        JsonObject meta = new JsonObject(r.body()).getJsonObject("_metadata");
        return meta == null ? null : meta.getJsonObject("features").getJsonObject("loop")
                .getJsonObject("desiredProperties").getJsonObject("setpoint");
    }

    private static JsonObject awaitState(TestPlatform p, String thing, java.util.function.Predicate<JsonObject> done)
            throws Exception {
        return Eventually.await(WAIT, () -> metadata(p, thing), done, "desired-state of " + thing);
    }

}
