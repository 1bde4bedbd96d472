package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.MosquittoServer;
import io.parkops.testing.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against a real Mosquitto, checked by {@code mosquitto_sub}. */
@ExtendWith(RealServices.class)
class MqttSenderTest {

    @Test
    @Timeout(30)
    void sendsTheOfferedCountEachAcceptedOnItsPubackWithIncreasingDeviceTimestamps(MosquittoServer broker, @TempDir Path dir)
            throws Exception {
        String tenant = "loadtest" + UUID.randomUUID().toString().substring(0, 8);
        LoadArgs args = new LoadArgs("mqtt", broker.host(), broker.port(), 500, 2, 10, tenant, "d", 2, 50, 0);
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", broker.host(), "-p", Integer.toString(broker.port()),
                "-q", "1", "-t", "telemetry/" + tenant + "/#", "-v", "-C", "1000", "-W", "25")
                .redirectOutput(dir.resolve("sub.txt").toFile()).start(); // a file: 1,000 lines would fill a pipe
        Thread.sleep(500); // subscribed before the first message

        Acks acks = new Acks(args.inflight());
        LoadResult result;
        try (Sender sender = LoadGenMain.open(args, acks)) {
            result = new LoadGenMain(args, sender, acks).run();
        }

        assertThat(result.offered()).isEqualTo(1000);
        assertThat(result.sent()).isEqualTo(1000);
        assertThat(result.accepted()).isEqualTo(1000);
        assertThat(result.failed()).isZero();
        assertThat(sub.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_sub got all 1,000").isTrue();
        List<String> lines = Files.readAllLines(dir.resolve("sub.txt"));
        assertThat(lines).hasSize(1000);
        Map<String, Long> lastTs = new HashMap<>();
        for (String line : lines) {
            String topic = line.substring(0, line.indexOf(' '));
            long ts = Long.parseLong(line.replaceAll(".*\"ts\":(\\d+).*", "$1"));
            assertThat(ts).as(topic).isGreaterThan(lastTs.getOrDefault(topic, 0L));
            lastTs.put(topic, ts);
        }
        assertThat(lastTs).hasSize(10);
    }
}
