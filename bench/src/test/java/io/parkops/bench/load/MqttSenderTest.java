package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.MosquittoServer;
import io.parkops.testing.MosquittoSub;
import io.parkops.testing.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against a real Mosquitto, checked by {@code mosquitto_sub}. */
@ExtendWith(RealServices.class)
class MqttSenderTest {

    @Test
    @Timeout(30)
    void sendsTheOfferedCountEachAcceptedOnItsPubackWithIncreasingDeviceTimestamps(MosquittoServer broker)
            throws Exception {
        String tenant = "loadtest" + UUID.randomUUID().toString().substring(0, 8);
        LoadArgs args = new LoadArgs("mqtt", broker.host(), broker.port(), 500, 2, 10, tenant, "d", 2, 50, 0);
        MosquittoSub sub = MosquittoSub.subscribed("-h", broker.host(), "-p", Integer.toString(broker.port()),
                "-q", "1", "-t", "telemetry/" + tenant + "/#", "-v", "-C", "1000", "-W", "25");

        Acks acks = new Acks(args.inflight());
        LoadResult result;
        try (Sender sender = LoadGenMain.open(args, acks)) {
            result = new LoadGenMain(args, sender, acks).run();
        }

        assertThat(result.offered()).isEqualTo(1000);
        assertThat(result.sent()).isEqualTo(1000);
        assertThat(result.accepted()).isEqualTo(1000);
        assertThat(result.failed()).isZero();
        ExternalCommand.Result got = sub.await(Duration.ofSeconds(30));
        assertThat(got.exitCode()).as("mosquitto_sub got all 1,000: " + got.stderr()).isZero();
        List<String> lines = got.stdout().lines().toList();
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

    /**
     * Two ports in front of the same Mosquitto (relays, as two nodes): half the connections on each;
     * one relay closed mid-run drops its connections, which move to the other port and go on. Every
     * message the log names as acknowledged reached the broker (its subscriber saw it).
     */
    @Test
    @Timeout(60)
    void aDroppedConnectionMovesToTheNextPortAndEveryLoggedAcknowledgementArrived(MosquittoServer broker, @TempDir Path dir)
            throws Exception {
        String tenant = "failover" + UUID.randomUUID().toString().substring(0, 8);
        int first = io.parkops.testing.FreePort.tcp();
        int second = io.parkops.testing.FreePort.tcp();
        Path acked = dir.resolve("acked.txt");
        LoadArgs args = new LoadArgs("mqtt", "127.0.0.1", first, 500, 4, 10, tenant, "d", 10, 50, 0, List.of(first, second),
                acked.toString());
        MosquittoSub sub = MosquittoSub.subscribed("-h", broker.host(), "-p", Integer.toString(broker.port()),
                "-q", "1", "-t", "telemetry/" + tenant + "/#", "-v");
        long closedAt;
        LoadResult result;
        try (io.parkops.testing.TcpProxy toFirst = io.parkops.testing.TcpProxy.open(first, broker.host(), broker.port());
             io.parkops.testing.TcpProxy toSecond = io.parkops.testing.TcpProxy.open(second, broker.host(), broker.port())) {
            AckLog log = new AckLog(acked);
            Acks acks = new Acks(args.inflight(), log);
            try (Sender sender = LoadGenMain.open(args, acks)) {
                Thread closer = new Thread(() -> {
                    try {
                        Thread.sleep(1500);
                        toFirst.close(); // the devices d0, d2, ... lose their node
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                closer.start();
                closedAt = System.currentTimeMillis() + 1500;
                result = new LoadGenMain(args, sender, acks).run();
                closer.join();
            }
            log.write();
        }
        List<String> logged = Files.readAllLines(acked);
        java.util.Set<String> received = new java.util.HashSet<>();
        long deadline = System.currentTimeMillis() + 20_000; // the broker may still be delivering the last ones
        while (!received.containsAll(logged) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            received.clear();
            for (String line : sub.messages()) {
                String topic = line.substring(0, line.indexOf(' '));
                received.add(topic.substring(topic.lastIndexOf('/') + 1) + " " + line.replaceAll(".*\"ts\":(\\d+).*", "$1"));
            }
        }
        sub.close();

        assertThat(logged).hasSize((int) result.accepted());
        assertThat(received).as("every acknowledged message reached the broker").containsAll(logged);
        assertThat(logged).as("devices of the closed port acknowledged again after it closed, through the other port")
                .anyMatch(l -> Integer.parseInt(l.substring(1, l.indexOf(' '))) % 2 == 0
                        && Long.parseLong(l.substring(l.indexOf(' ') + 1)) > closedAt + 1000);
        assertThat(result.accepted()).isGreaterThan(1000);
        assertThat(result.ackP50Ms()).isGreaterThanOrEqualTo(0);
        assertThat(result.ackP99Ms()).isGreaterThanOrEqualTo(result.ackP50Ms());
    }
}
