package io.parkops.rules.influx;

import static io.parkops.rules.influx.InfluxWriterTest.await;
import static io.parkops.rules.influx.InfluxWriterTest.rowsMs;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.Rejection;
import io.parkops.model.flow.IngestContext;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real verticle on a real event bus, writing to a real InfluxDB. */
@ExtendWith({VertxExtension.class, RealServices.class})
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class InfluxWriterVerticleTest {

    private static final Device IAQ = new Device(ThingId.of("nanan", "iaq-0001"), "iaq-sensor",
            Map.of("building", "A1", "floor", "2"));

    @Test
    void twinChangesAndAlertsOnTheBusBecomePoints(Vertx vertx, VertxTestContext ctx, InfluxServer server) {
        String db = server.freshDatabase();
        InfluxWriterVerticle verticle = new InfluxWriterVerticle(InfluxConfig.of(server.url(), db), new SimpleMeterRegistry());
        LocalCodec.registerAll(vertx);
        vertx.deployVerticle(verticle).compose(id -> {
            vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(IAQ, 3, 1_700_000_000_001L,
                    Map.of("environment", Map.of("co2", 1500.0, "occupancy", true))));
            vertx.eventBus().publish(Addresses.ALERT_CHANGED, new Alert("a1", IAQ, "iaq-co2-high", Severity.WARNING,
                    AlertState.ACTIVE_UNACK, 1500, 1000, "CO2 above 1000 ppm", 1_700_000_000_002L, 1_700_000_000_002L,
                    null, null));
            return verticle.influxReachable();
        }).compose(reachable -> vertx.executeBlocking(() -> {
            assertThat(reachable).isTrue();
            List<Map<String, Object>> env = await(() -> rowsMs(server, db, "SELECT * FROM environment"), r -> !r.isEmpty());
            List<Map<String, Object>> alerts = await(() -> rowsMs(server, db, "SELECT * FROM alerts"), r -> !r.isEmpty());
            assertThat(env.get(0)).containsEntry("time", 1_700_000_000_001.0).containsEntry("co2", 1500.0)
                    .containsEntry("occupancy", true).containsEntry("thing", "nanan:iaq-0001")
                    .containsEntry("building", "A1").containsEntry("floor", "2");
            assertThat(alerts.get(0)).containsEntry("state", "ACTIVE_UNACK").containsEntry("rule", "iaq-co2-high");
            return null;
        })).onComplete(ctx.succeedingThenComplete());
    }

    /** Devices are answered only once their points are in InfluxDB, and every answer comes from one settlement, not one write per message. */
    @Test
    void messagesEndStoredOnlyOnceThePointsAreInInflux(Vertx vertx, VertxTestContext ctx, InfluxServer server) {
        String db = server.freshDatabase();
        LocalCodec.registerAll(vertx);
        Answers answers = new Answers();
        answers.onEach = () -> {
            if (answers.stored.get() == 50) {
                vertx.executeBlocking(() -> rowsMs(server, db, "SELECT count(co2) FROM environment"))
                        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
                            assertThat(((Number) rows.get(0).get("count")).longValue()).as("stored before acknowledged").isEqualTo(50);
                            assertThat(answers.refused.get()).isZero();
                            ctx.completeNow();
                        })));
            }
        };
        vertx.deployVerticle(new InfluxWriterVerticle(InfluxConfig.of(server.url(), db), new SimpleMeterRegistry()))
                .onComplete(ctx.succeeding(id -> {
                    for (int i = 0; i < 50; i++) {
                        vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(IAQ, i, 2_000L + i,
                                Map.of("environment", Map.of("co2", (double) i)), IngestContext.of(System.nanoTime(), answers)));
                    }
                }));
    }

    /**
     * InfluxDB unreachable and a spool of 64 KiB, more messages than it holds and no gate in front:
     * every message answered "stored" has its point in the spool, and the ones whose points did not
     * fit are refused, never acknowledged.
     */
    @Test
    void aFullSpoolRefusesTheMessagesWhosePointsItCouldNotTake(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
        InfluxConfig unreachable = InfluxConfig.of("http://127.0.0.1:" + FreePort.tcp(), "parkops")
                .withBatching(100, Duration.ofMillis(50), 100_000);
        InfluxWriterVerticle verticle = new InfluxWriterVerticle(unreachable, new SpoolConfig(dir.resolve("influx.mv"), 1 << 16),
                new SimpleMeterRegistry());
        LocalCodec.registerAll(vertx);
        Answers answers = new Answers();
        int sent = 3_000;
        answers.onEach = () -> {
            if (answers.stored.get() + answers.refused.get() == sent) {
                ctx.verify(() -> {
                    assertThat(answers.refused.get()).as("some points did not fit the spool").isPositive();
                    assertThat(answers.stored.get()).as("acknowledged = spooled").isEqualTo(verticle.writer().spooled());
                    assertThat(answers.texts).allMatch(t -> t.startsWith("not_stored"));
                    ctx.completeNow();
                });
            }
        };
        vertx.deployVerticle(verticle).onComplete(ctx.succeeding(id -> {
            for (int i = 0; i < sent; i++) {
                vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(IAQ, i, 1_700_000_000_000L + i,
                        Map.of("environment", Map.of("co2", 400.0 + i)), IngestContext.of(System.nanoTime(), answers)));
            }
        }));
    }

    /** Counts the answers of many messages. */
    private static final class Answers implements IngestContext.Answer {
        final AtomicInteger stored = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final List<String> texts = new CopyOnWriteArrayList<>();
        volatile Runnable onEach = () -> { };

        @Override
        public void stored() {
            stored.incrementAndGet();
            onEach.run();
        }

        @Override
        public void refused(Rejection reason, String text) {
            texts.add(reason.label() + ": " + text);
            refused.incrementAndGet();
            onEach.run();
        }
    }

    @Test
    void undeployFlushesTheQueue(Vertx vertx, VertxTestContext ctx, InfluxServer server) {
        String db = server.freshDatabase();
        InfluxConfig slow = InfluxConfig.of(server.url(), db).withBatching(10_000, Duration.ofMinutes(10), 10_000);
        LocalCodec.registerAll(vertx);
        vertx.deployVerticle(new InfluxWriterVerticle(slow, new SimpleMeterRegistry()))
                .compose(id -> {
                    for (int i = 0; i < 100; i++) {
                        vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(IAQ, i, 1_000L + i,
                                Map.of("environment", Map.of("co2", (double) i))));
                    }
                    return vertx.undeploy(id);
                })
                .compose(v -> vertx.executeBlocking(() -> rowsMs(server, db, "SELECT count(co2) FROM environment")))
                .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
                    assertThat(((Number) rows.get(0).get("count")).longValue()).isEqualTo(100);
                    ctx.completeNow();
                })));
    }

    @Test
    void unreachableInfluxIsNotReadyButStartsAnyway(Vertx vertx, VertxTestContext ctx) {
        InfluxWriterVerticle verticle = new InfluxWriterVerticle(
                InfluxConfig.of("http://127.0.0.1:" + FreePort.tcp(), "parkops"), new SimpleMeterRegistry());
        vertx.deployVerticle(verticle)
                .compose(id -> verticle.influxReachable())
                .onComplete(ctx.succeeding(reachable -> ctx.verify(() -> {
                    assertThat(reachable).isFalse();
                    ctx.completeNow();
                })));
    }
}
