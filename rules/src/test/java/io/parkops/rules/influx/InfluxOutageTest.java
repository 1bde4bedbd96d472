package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.testing.ExternalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store-and-forward against a real InfluxDB that really goes away: a private {@code influxd}
 * (started with infra/local/influxdb.sh) is stopped while points keep coming, then started again.
 * Every point offered must be in InfluxDB at the end, and points spooled by a writer that dies
 * must be delivered by the next one.
 */
@Timeout(120)
class InfluxOutageTest {

    private static final Path SCRIPT = Path.of("..", "infra", "local", "influxdb.sh").toAbsolutePath().normalize();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path influxDir;

    @AfterEach
    void stopInflux() {
        if (influxDir != null) {
            ExternalCommand.run(SCRIPT_TIMEOUT, "bash", SCRIPT.toString(), "stop", "--dir", influxDir.toString());
        }
    }

    @Test
    void nothingIsLostWhileInfluxIsDown() throws Exception {
        String url = startInflux("auto");
        String port = url.substring(url.lastIndexOf(':') + 1);
        InfluxConfig config = InfluxConfig.of(url, "outage").withBatching(500, Duration.ofMillis(200), 5_000);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        int total = 0;
        try (InfluxWriter writer = new InfluxWriter(config, SpoolConfig.in(dir), metrics)) {
            total += offer(writer, 0, 3_000, 20);
            stop();
            // more than the in-memory queue (5,000) arrives while InfluxDB is away
            total += offer(writer, 3_000, 12_000, 25);
            awaitTrue(() -> writer.spooled() > 5_000, "points to be spooled");
            startInflux(port);
            total += offer(writer, 15_000, 2_000, 20);
            int expected = total;
            awaitTrue(() -> count(url, "outage") == expected, "all " + expected + " points in InfluxDB");
            assertThat(metrics.counter("parkops.influx.points.dropped").count()).isZero();
            // InfluxDB answers the write before the writer takes the batch out of its spool
            awaitTrue(() -> writer.spooled() == 0, "the spool emptied");
        }
    }

    @Test
    void pointsSpooledByAWriterThatDiedAreDeliveredByTheNext() throws Exception {
        String url = startInflux("auto");
        String port = url.substring(url.lastIndexOf(':') + 1);
        stop();
        InfluxConfig config = InfluxConfig.of(url, "restart").withBatching(500, Duration.ofMillis(200), 5_000);
        try (InfluxWriter first = new InfluxWriter(config, SpoolConfig.in(dir), new SimpleMeterRegistry())) {
            offer(first, 0, 2_000, 0);
            awaitTrue(() -> first.spooled() == 2_000, "the points to be spooled");
            // close() with InfluxDB down keeps the spool for the next start, as a restart would
        }
        startInflux(port);
        try (InfluxWriter second = new InfluxWriter(config, SpoolConfig.in(dir), new SimpleMeterRegistry())) {
            awaitTrue(() -> count(url, "restart") == 2_000, "the spooled points in InfluxDB");
        }
    }

    private static int offer(InfluxWriter writer, int from, int count, int perMilli) throws InterruptedException {
        for (int i = from; i < from + count; i++) {
            writer.offer(Point.measurement("environment").tag("thing", "nanan:iaq-" + (i % 50))
                    .addField("co2", (double) i).time(1_700_000_000_000L + i, TimeUnit.MILLISECONDS).build());
            if (perMilli > 0 && i % perMilli == 0) {
                Thread.sleep(1); // a steady load, not one burst
            }
        }
        return count;
    }

    private String startInflux(String port) {
        if (influxDir == null) {
            influxDir = dir.resolve("influxd");
        }
        ExternalCommand.Result r = ExternalCommand.run(SCRIPT_TIMEOUT, "bash", SCRIPT.toString(), "start",
                "--dir", influxDir.toString(), "--port", port);
        assertThat(r.exitCode()).as(r.output()).isZero();
        String[] lines = r.stdout().trim().split("\n");
        return lines[lines.length - 1].trim();
    }

    private void stop() {
        ExternalCommand.Result r = ExternalCommand.run(SCRIPT_TIMEOUT, "bash", SCRIPT.toString(), "stop", "--dir", influxDir.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private static long count(String url, String db) {
        try (InfluxDB client = InfluxDBFactory.connect(url)) {
            var series = client.query(new Query("SELECT count(co2) FROM environment", db)).getResults().get(0).getSeries();
            List<List<Object>> rows = series == null ? List.of() : series.get(0).getValues();
            return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    static {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException("expected the InfluxDB start script at " + SCRIPT);
        }
    }
}
