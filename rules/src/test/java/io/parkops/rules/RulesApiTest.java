package io.parkops.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.rules.api.RulesApi;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.engine.RuleSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
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

/** {@code /api/rules} over real HTTP against the real rules verticle and its rule files. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RulesApiTest {

    private static final String LEAK_NOW = """
            {"id": "site-leak", "tenant": "nanan", "deviceType": "leak-sensor", "message": "wet", "levels": [
              {"severity": "critical", "raise": {"property": "leak.wet", "equals": true}}]}""";

    @TempDir
    Path dataDir;
    private WebClient client;
    private final List<Alert> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext ctx) {
        LocalCodec.registerAll(vertx);
        vertx.eventBus().<Alert>localConsumer(Addresses.ALERT_CHANGED, m -> published.add(m.body()));
        RulesVerticle verticle = new RulesVerticle(new RulesConfig(dataDir, Duration.ofMillis(200), Duration.ofSeconds(60)),
                RuleSet.builtin(), new AlertStore(), typeId -> Optional.empty());
        Router router = Router.router(vertx);
        new RulesApi(verticle::rules, verticle::reloadError).mount(router);
        vertx.deployVerticle(verticle)
                .compose(id -> vertx.createHttpServer().requestHandler(router).listen(0))
                .onComplete(ctx.succeeding(server -> {
                    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort()));
                    ctx.completeNow();
                }));
    }

    @Test
    void putSavesTheFileAndTheRuleTakesEffectAtOnce(Vertx vertx, VertxTestContext ctx) {
        client.put("/api/rules/site-leak").sendBuffer(Buffer.buffer(LEAK_NOW))
                .compose(put -> {
                    ctx.verify(() -> {
                        assertThat(put.statusCode()).isEqualTo(200);
                        assertThat(put.bodyAsJsonObject().getString("id")).isEqualTo("site-leak");
                        assertThat(dataDir.resolve("rules/site-leak.json")).exists();
                    });
                    vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(
                            new Device(ThingId.of("nanan", "leak-1"), "leak-sensor", Map.of()), 1,
                            System.currentTimeMillis(), Map.of("leak", Map.of("wet", true))));
                    return client.get("/api/rules/site-leak").send();
                })
                .compose(get -> {
                    ctx.verify(() -> assertThat(get.bodyAsJsonObject().getString("source")).isEqualTo("body"));
                    return RulesVerticleTest.eventually(vertx, () -> published.size() == 2)
                            .compose(v -> client.get("/api/rules").send());
                })
                .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
                    assertThat(list.bodyAsJsonObject().getJsonArray("rules").stream()
                            .map(o -> ((JsonObject) o).getString("id"))).contains("site-leak", "iaq-co2", "leak-wet");
                    assertThat(published).extracting(Alert::ruleId).containsExactlyInAnyOrder("site-leak", "leak-wet");
                    ctx.completeNow();
                })));
    }

    @Test
    void badRulesAreRefusedNamingTheField(VertxTestContext ctx) {
        Future.all(client.put("/api/rules/site-leak").sendBuffer(Buffer.buffer(LEAK_NOW.replace("\"critical\"", "\"bad\""))),
                        client.put("/api/rules/other-id").sendBuffer(Buffer.buffer(LEAK_NOW)),
                        client.put("/api/rules/site-leak").sendBuffer(Buffer.buffer("{oops")))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    JsonObject severity = all.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject();
                    assertThat(severity.getInteger("status")).isEqualTo(400);
                    assertThat(severity.getString("error")).isEqualTo("rules:rule.invalid");
                    assertThat(severity.getString("message")).contains("levels[0].severity");
                    assertThat(all.<HttpResponse<Buffer>>resultAt(1).bodyAsJsonObject().getString("message"))
                            .contains("field 'id'");
                    assertThat(all.<HttpResponse<Buffer>>resultAt(2).statusCode()).isEqualTo(400);
                    assertThat(Files.exists(dataDir.resolve("rules/site-leak.json"))).isFalse();
                    ctx.completeNow();
                })));
    }

    @Test
    void deleteRemovesAFileRuleButNotADefault(VertxTestContext ctx) {
        client.put("/api/rules/site-leak").sendBuffer(Buffer.buffer(LEAK_NOW))
                .compose(put -> Future.all(client.delete("/api/rules/site-leak").send(),
                        client.delete("/api/rules/leak-wet").send(), client.delete("/api/rules/nope").send()))
                .compose(all -> {
                    ctx.verify(() -> {
                        assertThat(all.<HttpResponse<Buffer>>resultAt(0).statusCode()).isEqualTo(204);
                        assertThat(all.<HttpResponse<Buffer>>resultAt(1).statusCode()).isEqualTo(409);
                        assertThat(all.<HttpResponse<Buffer>>resultAt(2).statusCode()).isEqualTo(404);
                    });
                    return client.get("/api/rules/site-leak").send();
                })
                .onComplete(ctx.succeeding(get -> ctx.verify(() -> {
                    assertThat(get.statusCode()).isEqualTo(404);
                    ctx.completeNow();
                })));
    }

    @Test
    void changingARuleClearsItsOpenAlerts(Vertx vertx, VertxTestContext ctx) {
        client.put("/api/rules/site-leak").sendBuffer(Buffer.buffer(LEAK_NOW))
                .compose(put -> {
                    vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(
                            new Device(ThingId.of("nanan", "leak-1"), "leak-sensor", Map.of()), 1,
                            System.currentTimeMillis(), Map.of("leak", Map.of("wet", true))));
                    return RulesVerticleTest.eventually(vertx, () -> published.size() == 2);
                })
                .compose(v -> client.put("/api/rules/site-leak").sendBuffer(Buffer.buffer(
                        LEAK_NOW.replace("\"critical\"", "\"major\""))))
                .compose(put -> RulesVerticleTest.eventually(vertx, () -> published.stream()
                        .anyMatch(a -> a.ruleId().equals("site-leak") && !a.state().isActive())))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    Alert cleared = published.stream().filter(a -> a.ruleId().equals("site-leak") && !a.state().isActive())
                            .findFirst().orElseThrow();
                    assertThat(cleared.history().get(cleared.history().size() - 1).note())
                            .isEqualTo("rule 'site-leak' was changed");
                    ctx.completeNow();
                })));
    }
}
