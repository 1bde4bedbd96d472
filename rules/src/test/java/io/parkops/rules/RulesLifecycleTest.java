package io.parkops.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.AlertEvent;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.http.EventStreams;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.alerts.AlertsApi;
import io.parkops.rules.engine.RuleSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules verticle with its on-disk store and rule files: a restart in the middle of a {@code for}
 * duration keeps the timer, alerts survive, rule files are hot-reloaded, clear by hand and the SSE
 * stream work over real HTTP.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class RulesLifecycleTest {

    private static final Device IAQ = new Device(ThingId.of("nanan", "iaq-1"), "iaq-sensor", Map.of("building", "b1"));
    private static final String CO2_FOR_2S = """
            {"id": "co2-2s", "deviceType": "iaq-sensor", "message": "CO2 above 1000 ppm for 2 s", "levels": [
              {"severity": "warning", "raise": {"property": "environment.co2", "above": 1000, "for": "2s"}}]}""";

    @TempDir
    Path dataDir;
    private final List<Alert> published = new CopyOnWriteArrayList<>();
    private RulesConfig config;

    @BeforeEach
    void setUp(Vertx vertx) {
        LocalCodec.registerAll(vertx);
        vertx.eventBus().<Alert>localConsumer(Addresses.ALERT_CHANGED, m -> published.add(m.body()));
        config = new RulesConfig(dataDir, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    private Future<String> deploy(Vertx vertx, AlertStore store) {
        return vertx.deployVerticle(new RulesVerticle(config, RuleSet.parse(CO2_FOR_2S.getBytes(), "test"), store,
                typeId -> Optional.empty()));
    }

    @Test
    void restartInTheMiddleOfAForDurationKeepsTheTimer(Vertx vertx, VertxTestContext ctx) {
        java.util.concurrent.atomic.AtomicLong readingAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong restartedAt = new java.util.concurrent.atomic.AtomicLong();
        AlertStore secondStore = new AlertStore();
        deploy(vertx, new AlertStore())
                .compose(id -> {
                    readingAt.set(System.currentTimeMillis());
                    publish(vertx, 1500.0);
                    return vertx.timer(800).compose(v -> vertx.undeploy(id));
                })
                .compose(v -> {
                    restartedAt.set(System.currentTimeMillis());
                    return deploy(vertx, secondStore);
                })
                .compose(id -> RulesVerticleTest.eventually(vertx, () -> !published.isEmpty()))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    Alert alert = published.get(0);
                    assertThat(alert.ruleId()).isEqualTo("co2-2s");
                    assertThat(alert.raisedAt() - readingAt.get()).as("raised 2 s after the only reading, across the restart")
                            .isGreaterThanOrEqualTo(2000L);
                    // timed from the reading, not from the restart (which came 0.8 s after it): a slow deploy does not decide it
                    assertThat(alert.raisedAt() - restartedAt.get()).as("not a new 2 s from the restart").isLessThan(2000L);
                    assertThat(secondStore.get(alert.id())).isPresent();
                    ctx.completeNow();
                })));
    }

    @Test
    void alertsSurviveARestart(Vertx vertx, VertxTestContext ctx) {
        AlertStore second = new AlertStore();
        deploy(vertx, new AlertStore())
                .compose(id -> {
                    publish(vertx, 1500.0);
                    return RulesVerticleTest.eventually(vertx, () -> !published.isEmpty()).compose(v -> vertx.undeploy(id));
                })
                .compose(v -> deploy(vertx, second))
                .compose(id -> {
                    publish(vertx, 800.0);
                    return RulesVerticleTest.eventually(vertx, () -> published.size() == 2);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    Alert cleared = second.get(published.get(0).id()).orElseThrow();
                    assertThat(cleared.state()).isEqualTo(AlertState.CLEARED_UNACK);
                    assertThat(cleared.history()).extracting(AlertEvent::kind)
                            .containsExactly(AlertEvent.Kind.RAISED, AlertEvent.Kind.CLEARED);
                    ctx.completeNow();
                })));
    }

    @Test
    void ruleFilesAreHotReloadedAndABadFileIsRefusedWhole(Vertx vertx, VertxTestContext ctx) throws Exception {
        Path rules = Files.createDirectories(dataDir.resolve("rules"));
        deploy(vertx, new AlertStore())
                .compose(id -> {
                    write(rules.resolve("bad.json"), "{\"rules\": [{\"id\": \"x\", \"deviceType\": \"iaq-sensor\"}]}");
                    return vertx.timer(400);
                })
                .compose(v -> {
                    write(rules.resolve("bad.json"), """
                            {"id": "co2-now", "deviceType": "iaq-sensor", "feature": "environment", "property": "co2",
                             "operator": "above", "threshold": 1000, "severity": "major", "message": "CO2 now"}""");
                    return vertx.timer(400);
                })
                .compose(v -> {
                    publish(vertx, 1500.0);
                    return RulesVerticleTest.eventually(vertx, () -> !published.isEmpty());
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(published.get(0).ruleId()).isEqualTo("co2-now");
                    ctx.completeNow();
                })));
    }

    @Test
    void clearByHandAndTheSseStream(Vertx vertx, VertxTestContext ctx) {
        AlertStore store = new AlertStore();
        Router api = Router.router(vertx);
        new AlertsApi(store, EventStreams.uncounted()).mount(api);
        StringBuilder stream = new StringBuilder();
        HttpClient http = vertx.createHttpClient();
        deploy(vertx, store)
                .compose(id -> vertx.createHttpServer().requestHandler(api).listen(0))
                .compose(server -> http.request(HttpMethod.GET, server.actualPort(), "localhost", "/api/alerts/stream")
                        .compose(req -> req.send())
                        .compose(resp -> {
                            ctx.verify(() -> assertThat(resp.getHeader("content-type")).isEqualTo("text/event-stream"));
                            resp.handler(b -> stream.append(b.toString()));
                            publish(vertx, 1500.0);
                            return RulesVerticleTest.eventually(vertx, () -> !published.isEmpty());
                        })
                        .compose(v -> WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort()))
                                .post("/api/alerts/" + published.get(0).id() + "/clear")
                                .sendJsonObject(new JsonObject().put("by", "li.wei").put("note", "sensor was in the sun"))))
                .compose(response -> {
                    ctx.verify(() -> {
                        assertThat(response.statusCode()).isEqualTo(200);
                        JsonObject body = response.bodyAsJsonObject();
                        assertThat(body.getString("state")).isEqualTo("CLEARED_UNACK");
                        assertThat(body.getJsonArray("history").getJsonObject(1).getString("by")).isEqualTo("li.wei");
                    });
                    return RulesVerticleTest.eventually(vertx, () -> stream.toString().contains("CLEARED_UNACK"));
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(stream.toString()).contains("event: alert\nid: " + published.get(0).id() + "\ndata: {");
                    assertThat(stream.toString()).contains("\"state\":\"ACTIVE_UNACK\"");
                    ctx.completeNow();
                })));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void publish(Vertx vertx, double co2) {
        vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(IAQ, 1, System.currentTimeMillis(),
                Map.of("environment", Map.of("co2", co2))));
    }
}
