package io.parkops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Rejection;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
import io.parkops.testing.KafkaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer against a real Kafka in a process of its own: a message ends stored once Kafka has
 * it, refused while Kafka is gone, and stored again once Kafka is back, without a new producer.
 */
@Timeout(120)
class KafkaOnwardTest {

    private static final Device DEVICE = new Device(ThingId.of("nanan", "iaq-0001"), "iaq-sensor", Map.of("building", "b1"));

    @Test
    void endsEachMessageWithKafkasAnswerAndRecoversWhenKafkaComesBack(@TempDir Path dir) throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            ClusterConfig config = new ClusterConfig(kafka.bootstrap(), "test-node", "t" + UUID.randomUUID().toString().substring(0, 8) + ".",
                    3, ClusterConfig.REPLICATION_AUTO, Duration.ofSeconds(3));
            ClusterTopics.ensure(config, Duration.ofSeconds(30));
            try (KafkaOnward onward = new KafkaOnward(config)) {
                onward.warmUp(Duration.ofSeconds(30));
                assertThat(send(onward, 1)).isEqualTo("stored");

                kafka.kill();
                assertThat(send(onward, 2)).startsWith("refused NOT_STORED");

                kafka.restart();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                String outcome = send(onward, 3);
                while (!outcome.equals("stored") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    outcome = send(onward, 3);
                }
                assertThat(outcome).as("a message once Kafka is back").isEqualTo("stored");
            }
        }
    }

    /** Hands on one reading and waits for its ending: "stored" or "refused REASON: text". */
    private static String send(KafkaOnward onward, int co2) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        IngestContext context = IngestContext.of(System.nanoTime(), new IngestContext.Answer() {
            @Override
            public void stored() {
                answer.complete("stored");
            }

            @Override
            public void refused(Rejection reason, String text) {
                answer.complete("refused " + reason + ": " + text);
            }
        });
        long now = System.currentTimeMillis();
        onward.handOn(new Telemetry(DEVICE, Channel.TELEMETRY, Transport.MQTT, now, now,
                Map.of("environment", Map.of("co2", (double) co2)), context));
        return answer.get(20, TimeUnit.SECONDS);
    }
}
