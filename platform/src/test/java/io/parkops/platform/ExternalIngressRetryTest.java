package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.MosquittoServer;
import io.parkops.testing.RealServices;
import io.parkops.testing.TcpProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through an external broker, the broker's session is what ParkOps must not lose: a message the
 * platform refuses because it cannot store it now (InfluxDB away, the spool full) is handed on again,
 * held at the shut gate until there is room, stored, and only then acknowledged to the broker. The
 * device is {@code mosquitto_pub} on the shared Mosquitto; InfluxDB appears, through a relay, long
 * after the spool has filled.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class ExternalIngressRetryTest {

    private static final int READINGS = 400;
    /** Eleven fields, about 300 bytes a point in the spool: 400 of them do not fit in 64 KiB. */
    private static final String METER_READING = ",\"activePower\":12.5,\"activeEnergyImport\":10345.25,\"reactivePower\":1.25,"
            + "\"powerFactor\":0.98,\"voltageL1\":230.1,\"voltageL2\":229.8,\"voltageL3\":231.2,\"currentL1\":18.25,"
            + "\"currentL2\":17.5,\"currentL3\":18.75,\"frequency\":50.01";

    @Test
    void messagesRefusedWhileTheStoreIsAwayAreStoredOnceItIsBack(InfluxServer influx, MosquittoServer mosquitto,
                                                                   @TempDir Path dir) throws Exception {
        int influxPort = FreePort.tcp(); // nobody listens until the relay opens
        try (TestPlatform p = TestPlatform.start(influx, dir, mosquitto.url(), Map.of(
                "PARKOPS_INFLUX_URL", "http://127.0.0.1:" + influxPort,
                "PARKOPS_SPOOL_MAX_BYTES", String.valueOf(1 << 16),
                "PARKOPS_INFLUX_FLUSH_INTERVAL_MS", "200"))) {
            long base = System.currentTimeMillis() - 3_600_000;
            List<String> lines = new ArrayList<>(READINGS);
            for (int i = 0; i < READINGS; i++) {
                lines.add("{\"ts\":" + (base + i * 1000L) + METER_READING + "}");
            }
            Path readings = Files.write(dir.resolve("readings.txt"), lines, StandardCharsets.UTF_8);
            Process pub = new ProcessBuilder("mosquitto_pub", "-h", mosquitto.host(), "-p", String.valueOf(mosquitto.port()),
                    "-q", "1", "-t", "telemetry/nanan/em-0001", "-l")
                    .redirectInput(readings.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("pub.log").toFile()).start();
            assertThat(pub.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
            assertThat(pub.exitValue()).as(Files.readString(dir.resolve("pub.log"))).isZero();

            // the spool fills; the gate shuts (what is on its way then may be refused, and the ingress hands it on again)
            // and the rest waits at the broker: which of the two a run sees first is timing, both mean "not stored yet"
            int nearlyFull = (1 << 16) - (1 << 16) / 10;
            Eventually.await(Duration.ofSeconds(60), () -> p.gauge("parkops.spool.bytes") >= nearlyFull
                            || p.counter("parkops.messages", "transport", "mqtt", "result", "not_stored") > 0,
                    b -> b, "the spool at its bound, or a message refused because it was");
            Thread.sleep(5_000); // several retry intervals with the store still away: nothing may be given up meanwhile

            URI target = URI.create(influx.url());
            try (TcpProxy relay = TcpProxy.open(influxPort, target.getHost(), target.getPort())) {
                Eventually.await(Duration.ofSeconds(90), () -> influx.rows(p.influxDb,
                        "SELECT activePower FROM energy WHERE thing = 'nanan:em-0001'").size(), n -> n == READINGS,
                        READINGS + " points in InfluxDB");
            }
            assertThat(p.counter("parkops.messages", "transport", "mqtt", "result", "accepted"))
                    .as("each reading taken once it could be stored").isGreaterThanOrEqualTo(READINGS);
        }
    }
}
