package io.parkops.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deploys the real rules verticle and the alerts API on a real HTTP server, and talks to them over the network. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RulesVerticleTest {

    private static final Device IAQ = new Device(ThingId.of("north-park", "iaq-1"), "iaq-sensor",
            Map.of("building", "b1"));
    private static final Device METER = new Device(ThingId.of("nanan", "meter-1"), "energy-meter", Map.of());

    /** The walking skeleton's immediate CO2 rule, in the one-threshold shorthand. */
    private static final String CO2_AT_ONCE = """
            {"id": "iaq-co2-high", "deviceType": "iaq-sensor", "feature": "environment", "property": "co2",
             "operator": "above", "threshold": 1000, "severity": "warning", "message": "CO2 above 1000 ppm"}""";

    private final AlertStore store = new AlertStore();
    private final List<Alert> published = new CopyOnWriteArrayList<>();
    private WebClient client;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext ctx) {
        LocalCodec.registerAll(vertx);
        vertx.eventBus().<Alert>localConsumer(Addresses.ALERT_CHANGED, m -> published.add(m.body()));
        Router router = Router.router(vertx);
        // the platform may already read bodies on /api/*: our own BodyHandler must cope with that
        router.route("/api/*").handler(BodyHandler.create());
        new AlertsApi(store, EventStreams.uncounted()).mount(router);
        vertx.deployVerticle(new RulesVerticle(RuleSet.builtin().overlay(RuleSet.parse(CO2_AT_ONCE.getBytes(), "test")), store))
                .compose(id -> vertx.createHttpServer().requestHandler(router).listen(0))
                .onComplete(ctx.succeeding(server -> {
                    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort()));
                    ctx.completeNow();
                }));
    }

    @Test
    void breachRaisesPublishesAndListsTheAlert(Vertx vertx, VertxTestContext ctx) {
        twinChange(vertx, IAQ, "environment", "co2", 1450.0);
        eventually(vertx, () -> !published.isEmpty())
                .compose(v -> client.get("/api/alerts").send())
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(published).singleElement().extracting(Alert::state).isEqualTo(AlertState.ACTIVE_UNACK);
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.getHeader("content-type")).startsWith("application/json");
                    JsonObject alert = response.bodyAsJsonArray().getJsonObject(0);
                    assertThat(alert.getString("thingId")).isEqualTo("north.park:iaq-1");
                    assertThat(alert.getString("ruleId")).isEqualTo("iaq-co2-high");
                    assertThat(alert.getString("severity")).isEqualTo("warning");
                    assertThat(alert.getString("state")).isEqualTo("ACTIVE_UNACK");
                    assertThat(alert.getDouble("value")).isEqualTo(1450.0);
                    ctx.completeNow();
                })));
    }

    @Test
    void ackGoesThroughTheVerticleAndIsPublished(Vertx vertx, VertxTestContext ctx) {
        twinChange(vertx, METER, "energy", "voltageL1", 260.0);
        eventually(vertx, () -> published.size() == 1)
                .compose(v -> client.post("/api/alerts/" + published.get(0).id() + "/ack")
                        .sendJsonObject(new JsonObject().put("note", "electrician called")))
                .compose(response -> {
                    ctx.verify(() -> {
                        assertThat(response.statusCode()).isEqualTo(200);
                        JsonObject body = response.bodyAsJsonObject();
                        assertThat(body.getString("state")).isEqualTo("ACTIVE_ACK");
                        assertThat(body.getString("ackedBy")).isEqualTo("anonymous");
                        assertThat(body.getString("ackNote")).isEqualTo("electrician called");
                    });
                    return eventually(vertx, () -> published.size() == 2);
                })
                .compose(v -> {
                    twinChange(vertx, METER, "energy", "voltageL1", 231.0);
                    return eventually(vertx, () -> published.size() == 3);
                })
                .compose(v -> client.get("/api/alerts/" + published.get(0).id()).send())
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(published).extracting(Alert::state).containsExactly(AlertState.ACTIVE_UNACK,
                            AlertState.ACTIVE_ACK, AlertState.CLEARED_ACK);
                    assertThat(response.bodyAsJsonObject().getString("state")).isEqualTo("CLEARED_ACK");
                    assertThat(response.bodyAsJsonObject().getDouble("value")).isEqualTo(231.0);
                    ctx.completeNow();
                })));
    }

    @Test
    void ackReadsTheBodyWithoutAPlatformBodyHandler(Vertx vertx, VertxTestContext ctx) {
        Router bare = Router.router(vertx);
        new AlertsApi(store, EventStreams.uncounted()).mount(bare);
        twinChange(vertx, IAQ, "environment", "co2", 1450.0);
        eventually(vertx, () -> published.size() == 1)
                .compose(v -> vertx.createHttpServer().requestHandler(bare).listen(0))
                .compose(server -> client.post(server.actualPort(), "localhost", "/api/alerts/" + published.get(0).id() + "/ack")
                        .sendJsonObject(new JsonObject().put("note", "fan checked")))
                .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.bodyAsJsonObject().getString("ackNote")).isEqualTo("fan checked");
                    ctx.completeNow();
                })));
    }

    @Test
    void ackWithoutBodyAndTwiceIsFine(Vertx vertx, VertxTestContext ctx) {
        twinChange(vertx, METER, "energy", "voltageL1", 190.0);
        eventually(vertx, () -> published.size() == 1)
                .compose(v -> client.post("/api/alerts/" + published.get(0).id() + "/ack").send())
                .compose(first -> client.post("/api/alerts/" + published.get(0).id() + "/ack")
                        .sendJsonObject(new JsonObject().put("note", "again")))
                .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
                    assertThat(second.statusCode()).isEqualTo(200);
                    assertThat(second.bodyAsJsonObject().getString("state")).isEqualTo("ACTIVE_ACK");
                    assertThat(second.bodyAsJsonObject().getValue("ackNote")).isNull();
                    assertThat(published).hasSize(2);
                    ctx.completeNow();
                })));
    }

    @Test
    void filtersListNewestFirst(Vertx vertx, VertxTestContext ctx) {
        twinChange(vertx, IAQ, "environment", "co2", 1450.0);
        eventually(vertx, () -> published.size() == 1)
                .compose(v -> vertx.timer(5))
                .compose(v -> {
                    twinChange(vertx, METER, "energy", "voltageL1", 270.0);
                    return eventually(vertx, () -> published.size() == 2);
                })
                .compose(v -> Future.all(client.get("/api/alerts?state=&tenant=&severity=").send(),
                        client.get("/api/alerts?severity=major").send(),
                        client.get("/api/alerts?tenant=north-park&state=active").send(),
                        client.get("/api/alerts?state=cleared").send()))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    assertThat(ruleIds(all.resultAt(0))).containsExactly("energy-voltage-high", "iaq-co2-high");
                    assertThat(ruleIds(all.resultAt(1))).containsExactly("energy-voltage-high");
                    assertThat(ruleIds(all.resultAt(2))).containsExactly("iaq-co2-high");
                    assertThat(ruleIds(all.resultAt(3))).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    void badFilterIs400WithJsonError(VertxTestContext ctx) {
        client.get("/api/alerts?severity=urgent").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(400);
            JsonObject error = response.bodyAsJsonObject();
            assertThat(error.getInteger("status")).isEqualTo(400);
            assertThat(error.getString("error")).isEqualTo("alerts:filter.invalid");
            assertThat(error.getString("message")).contains("'severity'");
            ctx.completeNow();
        })));
    }

    @Test
    void unknownIdIs404ForGetAndAck(VertxTestContext ctx) {
        Future.all(client.get("/api/alerts/nope").send(),
                        client.post("/api/alerts/nope/ack").sendJsonObject(new JsonObject().put("note", "x")))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    for (int i = 0; i < 2; i++) {
                        HttpResponse<Buffer> response = all.resultAt(i);
                        assertThat(response.statusCode()).isEqualTo(404);
                        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("alerts:alert.notfound");
                    }
                    ctx.completeNow();
                })));
    }

    @Test
    void badAckBodyIs400(Vertx vertx, VertxTestContext ctx) {
        twinChange(vertx, IAQ, "environment", "co2", 1450.0);
        eventually(vertx, () -> published.size() == 1)
                .compose(v -> Future.all(
                        client.post("/api/alerts/" + published.get(0).id() + "/ack").sendBuffer(Buffer.buffer("{not json")),
                        client.post("/api/alerts/" + published.get(0).id() + "/ack")
                                .sendJsonObject(new JsonObject().put("note", 42))))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    for (int i = 0; i < 2; i++) {
                        HttpResponse<Buffer> response = all.resultAt(i);
                        assertThat(response.statusCode()).isEqualTo(400);
                        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("alerts:body.invalid");
                    }
                    assertThat(published).hasSize(1);
                    ctx.completeNow();
                })));
    }

    private static List<String> ruleIds(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray array = response.bodyAsJsonArray();
        return array.stream().map(o -> ((JsonObject) o).getString("ruleId")).toList();
    }

    private static void twinChange(Vertx vertx, Device device, String feature, String property, Object value) {
        TwinChange change = new TwinChange(device, 1, System.currentTimeMillis(), Map.of(feature, Map.of(property, value)));
        vertx.eventBus().publish(Addresses.TWIN_CHANGED, change);
    }

    /** Polls a condition every 10 ms; the test timeout bounds the wait. */
    public static Future<Void> eventually(Vertx vertx, java.util.function.BooleanSupplier condition) {
        if (condition.getAsBoolean()) {
            return Future.succeededFuture();
        }
        return vertx.timer(10).compose(v -> eventually(vertx, condition));
    }
}
