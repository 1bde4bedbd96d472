package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.testing.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the writer tells ingress while InfluxDB is unreachable: offered points are settled once
 * synced to the spool (so MQTT may acknowledge them), and the writer reports a backlog before the
 * spool is full, so that backpressure starts while there is still room for what is on its way.
 */
@Timeout(60)
class WriterBackpressureTest {

    @Test
    void settlesPointsOnceSpooledAndReportsABacklogBeforeTheSpoolIsFull(@TempDir Path dir) throws Exception {
        InfluxConfig config = InfluxConfig.of("http://127.0.0.1:" + FreePort.tcp(), "parkops")
                .withBatching(100, Duration.ofMillis(50), 10_000);
        try (InfluxWriter writer = new InfluxWriter(config, new SpoolConfig(dir.resolve("influx.mv"), 1 << 16),
                new SimpleMeterRegistry())) {
            assertThat(writer.backlog()).isNull();
            writer.offer(points(0, 50));
            CompletableFuture<Void> settled = writer.whenSettled();
            settled.get(10, TimeUnit.SECONDS);
            assertThat(writer.spooled()).isEqualTo(50);

            int offered = 50;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (writer.backlog() == null && System.nanoTime() < deadline) {
                writer.offer(points(offered, 100));
                offered += 100;
                writer.whenSettled().get(10, TimeUnit.SECONDS);
            }
            assertThat(writer.backlog()).contains("spool is nearly full").contains("PARKOPS_SPOOL_MAX_BYTES");
            assertThat(writer.spoolFull()).as("backlog reported before anything was refused").isFalse();
            assertThat(writer.spooled()).isEqualTo(offered);
        }
    }

    private static List<Point> points(int from, int count) {
        List<Point> points = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            points.add(Point.measurement("environment").time(1_700_000_000_000L + i, TimeUnit.MILLISECONDS)
                    .tag("thing", "nanan:iaq-0001").addField("co2", 400.0 + i % 100).build());
        }
        return points;
    }
}
