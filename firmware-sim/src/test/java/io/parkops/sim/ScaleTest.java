package io.parkops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.MosquittoServer;
import io.parkops.testing.RealServices;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many devices from one JVM: source addresses over 127.0.0.0/8, shared threads, the file limit check. */
@ExtendWith(RealServices.class)
class ScaleTest {

    @Test
    @Timeout(120)
    void spreadsMqttConnectionsOverTheGivenSourceAddressesAsTheBrokerSeesThem(MosquittoServer broker) throws Exception {
        Vertx vertx = Vertx.vertx();
        int threadsBefore = Thread.activeCount();
        ParkSimulator sim = null;
        try {
            sim = Eventually.get(ParkSimulator.start(vertx, SimOptions.defaults().withTenants(List.of("spread"))
                    .withProvisioning(false).withProtocol(Protocol.MQTT).withMqtt(broker.host(), broker.port())
                    .withTotalDevices(300).withSourceAddresses(3).withInterval(Duration.ofSeconds(60))), Duration.ofSeconds(90));
            ParkSimulator running = sim;
            Eventually.await(Duration.ofSeconds(30), () -> running.stats().connected() == 300, () -> "connected: " + running.stats());

            Map<String, Long> peers = peersOf(broker.port());
            assertThat(peers.get("127.0.0.2")).isEqualTo(100);
            assertThat(peers.get("127.0.0.3")).isEqualTo(100);
            assertThat(peers.get("127.0.0.1")).isGreaterThanOrEqualTo(100); // other clients of the shared broker too
            assertThat(Thread.activeCount() - threadsBefore).as("no thread per device").isLessThan(60);
        } finally {
            if (sim != null) {
                Eventually.get(sim.stop(), Duration.ofSeconds(30));
            }
            Eventually.get(vertx.close(), Duration.ofSeconds(10));
        }
    }

    @Test
    void refusesToStartWhenTheFileLimitIsBelowTheConnectionsAndSaysWhatToRaise() {
        assertThat(FileLimit.check(50_000, 20_000)).contains("may open 20000 files").contains("ulimit -n 100000")
                .contains("broker");
        assertThat(FileLimit.check(1_000, 20_000)).isNull();
        assertThat(FileLimit.check(1_000, -1)).as("unknown limit").isNull();
    }

    /** Peer addresses of the broker's established connections, as {@code ss} reports them from the kernel. */
    private static Map<String, Long> peersOf(int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tnH", "state", "established", "( sport = :" + port + " )").start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        return out.lines().map(String::trim).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+"))
                .map(cols -> cols[cols.length - 1])
                .map(peer -> peer.substring(0, peer.lastIndexOf(':')))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
