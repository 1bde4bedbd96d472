package io.parkops.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.AlertEvent;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.api.BacktestApi;
import io.parkops.rules.backtest.InfluxHistory;
import io.parkops.rules.engine.RuleSet;
import io.parkops.rules.influx.InfluxConfig;
import io.parkops.rules.influx.InfluxWriterVerticle;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live rules verticle and the InfluxDB writer see the same readings; a backtest over what the
 * real InfluxDB then holds returns exactly the alerts the live engine raised.
 */
@ExtendWith(RealServices.class)
@Timeout(60)
class BacktestTest {

    private static final Device IAQ = new Device(ThingId.of("nanan", "iaq-bt"), "iaq-sensor", Map.of("building", "b1"));
    private static final String RULE = """
            {"id": "co2-bt", "deviceType": "iaq-sensor", "message": "CO2", "levels": [
              {"severity": "major", "raise": {"property": "environment.co2", "atLeast": 2500}},
              {"severity": "warning", "raise": {"property": "environment.co2", "above": 1000, "for": "2s"},
               "clear": {"property": "environment.co2", "below": 900}}]}""";

    @Test
    void backtestReturnsTheAlertsTheLiveEngineRaised(InfluxServer influx) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LocalCodec.registerAll(vertx);
            String db = influx.freshDatabase();
            InfluxConfig config = InfluxConfig.of(influx.url(), db);
            List<Alert> live = new CopyOnWriteArrayList<>();
            vertx.eventBus().<Alert>localConsumer(Addresses.ALERT_CHANGED, m -> live.add(m.body()));
            RuleSet rules = RuleSet.parse(RULE.getBytes(), "test");
            await(vertx.deployVerticle(new InfluxWriterVerticle(config, new SimpleMeterRegistry())));
            await(vertx.deployVerticle(new RulesVerticle(new RulesConfig(null, Duration.ofMillis(BacktestApi.TICK_MILLIS),
                    Duration.ofSeconds(60)), rules, new AlertStore(), typeId -> Optional.empty())));
            Router router = Router.router(vertx);
            new BacktestApi(() -> rules, new InfluxHistory(config), typeId -> Optional.empty()).mount(router);
            HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));

            long start = System.currentTimeMillis();
            double[] readings = {800, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 2600, 2600, 1500, 1500,
                    800, 800};
            for (double co2 : readings) {
                vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(IAQ, 1, System.currentTimeMillis(),
                        Map.of("environment", Map.of("co2", co2))));
                Thread.sleep(250);
            }
            long end = System.currentTimeMillis();
            while (influx.rows(db, "SELECT count(co2) FROM environment").isEmpty()
                    || ((Number) influx.rows(db, "SELECT count(co2) FROM environment").get(0).get(1)).intValue() < readings.length) {
                Thread.sleep(100);
            }

            HttpResponse<Buffer> response = await(WebClient.create(vertx)
                    .post(server.actualPort(), "localhost", "/api/rules/co2-bt/backtest")
                    .addQueryParam("from", Instant.ofEpochMilli(start - 1000).toString())
                    .addQueryParam("to", String.valueOf(end + 1000)).send());
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            JsonArray alerts = response.bodyAsJsonObject().getJsonArray("alerts");

            Alert liveAlert = live.get(live.size() - 1);
            assertThat(live).extracting(Alert::id).containsOnly(liveAlert.id());
            assertThat(alerts).hasSize(1);
            JsonObject replayed = alerts.getJsonObject(0);
            assertThat(replayed.getString("thingId")).isEqualTo("nanan:iaq-bt");
            assertThat(replayed.getString("state")).isEqualTo(liveAlert.state().name());
            JsonArray history = replayed.getJsonArray("history");
            assertThat(history.stream().map(o -> ((JsonObject) o).getString("kind")).toList())
                    .isEqualTo(liveAlert.history().stream().map(e -> e.kind().name()).toList())
                    .containsExactly("RAISED", "ESCALATED", "DEESCALATED", "CLEARED");
            for (int i = 0; i < history.size(); i++) {
                JsonObject replayedEvent = history.getJsonObject(i);
                AlertEvent liveEvent = liveAlert.history().get(i);
                assertThat(replayedEvent.getString("severity")).isEqualTo(liveEvent.severity().label());
                assertThat(replayedEvent.getDouble("value")).isEqualTo(liveEvent.value());
                long replayedAt = Instant.parse(replayedEvent.getString("at")).toEpochMilli();
                assertThat(Math.abs(replayedAt - liveEvent.at())).as("same moment, up to delivery delay and one reading (250 ms) on a busy machine").isLessThan(400);
            }
        } finally {
            await(vertx.close());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
