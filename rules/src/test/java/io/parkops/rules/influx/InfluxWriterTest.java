package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.TcpProxy;
import io.parkops.testing.RealServices;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The writer against a real InfluxDB: what the contract's schema looks like when read back. */
@ExtendWith(RealServices.class)
@Timeout(60)
class InfluxWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Device PLACED = new Device(ThingId.of("north-park", "iaq-1"), "iaq-sensor",
            Map.of("building", "B2", "floor", "3", "zone", "east"));

    private final List<InfluxWriter> writers = new ArrayList<>();

    @AfterEach
    void closeWriters() {
        writers.forEach(w -> w.close(Duration.ofSeconds(2)));
    }

    @Test
    void twinChangeIsReadBackWithTagsFieldsAndExactMsTime(InfluxServer server) {
        String db = "parkops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10); // the writer creates it
        InfluxWriter writer = writer(InfluxConfig.of(server.url(), db), new SimpleMeterRegistry());
        long ts = 1_700_000_000_123L;
        writer.offer(PointMapper.points(new TwinChange(PLACED, 1, ts, Map.of("environment",
                Map.of("co2", 1234.0, "temperature", 22.5)))));

        Map<String, Object> row = await(() -> rowsMs(server, db, "SELECT * FROM environment"), r -> !r.isEmpty()).get(0);
        assertThat(row).containsEntry("time", (double) ts)
                .containsEntry("co2", 1234.0).containsEntry("temperature", 22.5)
                .containsEntry("tenant", "north-park").containsEntry("thing", "north.park:iaq-1")
                .containsEntry("type", "iaq-sensor").containsEntry("building", "B2")
                .containsEntry("floor", "3").containsEntry("zone", "east");
    }

    @Test
    void booleanAndStringFieldsKeepTheirTypes(InfluxServer server) {
        String db = server.freshDatabase();
        InfluxWriter writer = writer(InfluxConfig.of(server.url(), db), new SimpleMeterRegistry());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("setpoint", 21.0);
        props.put("mode", "auto");
        props.put("occupied", true);
        writer.offer(PointMapper.points(new TwinChange(PLACED, 1, 1_000, Map.of("loop", props))));

        List<Map<String, Object>> fields = await(() -> rowsMs(server, db, "SHOW FIELD KEYS FROM loop"), r -> r.size() == 3);
        assertThat(fields).extracting(f -> f.get("fieldKey") + ":" + f.get("fieldType"))
                .containsExactlyInAnyOrder("setpoint:float", "mode:string", "occupied:boolean");
        Map<String, Object> row = rowsMs(server, db, "SELECT * FROM loop").get(0);
        assertThat(row).containsEntry("mode", "auto").containsEntry("occupied", true);
    }

    @Test
    void alertPointHasTheAlertSchema(InfluxServer server) {
        String db = server.freshDatabase();
        InfluxWriter writer = writer(InfluxConfig.of(server.url(), db), new SimpleMeterRegistry());
        Alert alert = new Alert("a1", PLACED, "iaq-co2-high", Severity.WARNING, AlertState.ACTIVE_UNACK, 1234, 1000,
                "CO2 above 1000 ppm: ventilate the zone", 1_700_000_000_000L, 1_700_000_000_456L, null, null);
        writer.offer(PointMapper.point(alert));

        Map<String, Object> row = await(() -> rowsMs(server, db, "SELECT * FROM alerts"), r -> !r.isEmpty()).get(0);
        assertThat(row).containsEntry("time", 1_700_000_000_456.0)
                .containsEntry("tenant", "north-park").containsEntry("thing", "north.park:iaq-1")
                .containsEntry("rule", "iaq-co2-high").containsEntry("severity", "warning")
                .containsEntry("state", "ACTIVE_UNACK").containsEntry("value", 1234.0)
                .containsEntry("threshold", 1000.0).containsEntry("message", "CO2 above 1000 ppm: ventilate the zone");
    }

    @Test
    void twentyThousandPointsAllArrive(InfluxServer server) {
        String db = server.freshDatabase();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InfluxWriter writer = writer(InfluxConfig.of(server.url(), db), registry);
        int accepted = writer.offer(bulk(20_000));

        assertThat(accepted).isEqualTo(20_000);
        await(() -> rowsMs(server, db, "SELECT count(v) FROM bulk"), r -> !r.isEmpty() && count(r) == 20_000);
        // the last batch is in InfluxDB a moment before the writer counts it written
        await(() -> registry.get("parkops.influx.points.written").counter().count(), n -> n == 20_000);
        assertThat(registry.get("parkops.influx.points.dropped").counter().count()).isZero();
    }

    @Test
    void closedPortKeepsPointsAndNeitherThrowsNorDrops() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InfluxWriter writer = writer(InfluxConfig.of("http://127.0.0.1:" + FreePort.tcp(), "parkops")
                .withBatching(10, Duration.ofMillis(50), 100), registry);

        assertThat(writer.offer(bulk(60))).isEqualTo(60);
        assertThat(writer.ping().join()).isFalse();
        assertThat(writer.queued()).isEqualTo(60);
        assertThat(registry.get("parkops.influx.points.dropped").counter().count()).isZero();
        assertThat(registry.get("parkops.influx.write.failures").counter().count()).isPositive();

        assertThat(writer.offer(bulk(50))).isEqualTo(40);
        assertThat(registry.get("parkops.influx.points.dropped").counter().count()).isEqualTo(10);
        assertThat(registry.get("parkops.influx.queue.depth").gauge().value()).isEqualTo(100);
    }

    @Test
    void pointsQueuedWhileInfluxIsAwayArriveWhenItAppears(InfluxServer server) throws Exception {
        String db = server.freshDatabase();
        int port = FreePort.tcp();
        InfluxWriter writer = writer(InfluxConfig.of("http://127.0.0.1:" + port, db)
                .withBatching(100, Duration.ofMillis(100), 10_000), new SimpleMeterRegistry());
        writer.offer(bulk(250));
        Thread.sleep(300); // at least one failed attempt, so the points sit in the retry path
        assertThat(writer.queued()).isEqualTo(250);

        URI target = URI.create(server.url());
        try (TcpProxy proxy = TcpProxy.open(port, target.getHost(), target.getPort())) {
            await(() -> rowsMs(server, db, "SELECT count(v) FROM bulk"), r -> !r.isEmpty() && count(r) == 250);
            assertThat(writer.ping().join()).isTrue();
            assertThat(writer.queued()).isZero();
        }
    }

    @Test
    void refusedBatchIsCountedAndDoesNotStallLaterPoints(InfluxServer server) {
        String db = server.freshDatabase();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InfluxWriter writer = writer(InfluxConfig.of(server.url(), db).withBatching(1, Duration.ofMillis(50), 100), registry);
        writer.offer(Point.measurement("m").time(1, TimeUnit.MILLISECONDS).addField("f", 1.0).build());
        await(() -> rowsMs(server, db, "SELECT * FROM m"), r -> r.size() == 1);
        writer.offer(Point.measurement("m").time(2, TimeUnit.MILLISECONDS).addField("f", "text").build()); // type conflict
        writer.offer(Point.measurement("m").time(3, TimeUnit.MILLISECONDS).addField("f", 3.0).build());

        await(() -> rowsMs(server, db, "SELECT * FROM m"), r -> r.size() == 2);
        assertThat(registry.get("parkops.influx.batches.rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void closeFlushesWhatIsQueued(InfluxServer server) {
        String db = server.freshDatabase();
        InfluxWriter writer = new InfluxWriter(InfluxConfig.of(server.url(), db)
                .withBatching(10_000, Duration.ofMinutes(10), 10_000), new SimpleMeterRegistry());
        writer.offer(bulk(500));
        writer.close();
        assertThat(count(rowsMs(server, db, "SELECT count(v) FROM bulk"))).isEqualTo(500);
        assertThat(writer.offer(bulk(1))).isZero();
    }

    @Test
    void prometheusNamesAreTheAgreedOnes(InfluxServer server) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String db = server.freshDatabase();
        InfluxWriter writer = writer(InfluxConfig.of(server.url(), db), registry);
        writer.offer(bulk(3));
        await(() -> rowsMs(server, db, "SELECT count(v) FROM bulk"), r -> !r.isEmpty() && count(r) == 3);
        await(registry::scrape, text -> text.contains("parkops_influx_points_written_total 3.0"));
        assertThat(registry.scrape()).contains("parkops_influx_points_dropped_total 0.0",
                "parkops_influx_write_seconds_count", "parkops_influx_queue_depth 0.0");
    }

    private InfluxWriter writer(InfluxConfig config, MeterRegistry registry) {
        InfluxWriter writer = new InfluxWriter(config, registry);
        writers.add(writer);
        return writer;
    }

    private static List<Point> bulk(int n) {
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(Point.measurement("bulk").time(1_600_000_000_000L + i, TimeUnit.MILLISECONDS)
                    .tag("thing", "t" + (i % 10)).addField("v", (double) i).build());
        }
        return points;
    }

    private static long count(List<Map<String, Object>> rows) {
        return ((Number) rows.get(0).get("count")).longValue();
    }

    /** Rows as column -> value maps, with times as epoch ms. */
    static List<Map<String, Object>> rowsMs(InfluxServer server, String db, String influxQl) {
        QueryResult result = server.client().query(new Query(influxQl, db), TimeUnit.MILLISECONDS);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (result.getResults() == null) {
            return rows;
        }
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> values : s.getValues()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < s.getColumns().size(); i++) {
                        row.put(s.getColumns().get(i), values.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static <T> T await(Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
