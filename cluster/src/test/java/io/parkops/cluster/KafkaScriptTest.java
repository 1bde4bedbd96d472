package io.parkops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/local/kafka.sh}, the way {@code ./parkops test} and {@code ./parkops cluster} use
 * it: start returns once clients get answers, a second start on the same folder reuses what runs,
 * stop ends the brokers by pid, and a folder started again keeps its ports and topics. With
 * {@code --brokers 3} the brokers form one cluster that takes {@code acks=all} records on a topic of
 * replication 3 and {@code min.insync.replicas} 2, also with one broker gone.
 */
@Timeout(240)
class KafkaScriptTest {

    private static final Path SCRIPT = Path.of("..", "infra", "local", "kafka.sh").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    @AfterEach
    void stopWhateverRuns() {
        if (Files.isDirectory(dir.resolve("broker-1"))) {
            ExternalCommand.run(TIMEOUT, "bash", SCRIPT.toString(), "stop", "--dir", dir.toString());
        }
    }

    @Test
    void oneBrokerStartsAnswersStopsAndStartsAgainOnItsFolder() throws Exception {
        String bootstrap = script("start", "--dir", dir.toString(), "--port", "auto");
        assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(brokers(bootstrap)).isEqualTo(1);
        createTopic(bootstrap, "kept", 1);
        assertThat(produce(bootstrap, "kept").partition()).isZero();

        assertThat(script("start", "--dir", dir.toString())).as("a second start on a running folder").isEqualTo(bootstrap);
        assertThat(script("status", "--dir", dir.toString())).isEqualTo(bootstrap);

        script("stop", "--dir", dir.toString());
        assertThat(Files.exists(dir.resolve("broker-1").resolve("kafka.pid"))).as("pid file after stop").isFalse();
        assertThat(accepts(bootstrap)).as("the port after stop").isFalse();
        ExternalCommand.Result status = run("status", "--dir", dir.toString());
        assertThat(status.exitCode()).as("status of a stopped folder").isEqualTo(1);

        assertThat(script("start", "--dir", dir.toString())).as("started again: same port").isEqualTo(bootstrap);
        try (Admin admin = admin(bootstrap)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("topics after a restart").contains("kept");
        }
        assertThat(produce(bootstrap, "kept").offset()).as("the record of the first run is still there").isEqualTo(1);
    }

    @Test
    void threeBrokersFormOneClusterThatTakesAcksAllWithOneBrokerGone() throws Exception {
        String bootstrap = script("start", "--dir", dir.toString(), "--port", "auto", "--brokers", "3");
        String[] servers = bootstrap.split(",");
        assertThat(servers).hasSize(3);
        int first = Integer.parseInt(servers[0].substring(servers[0].lastIndexOf(':') + 1));
        assertThat(servers).containsExactly("127.0.0.1:" + first, "127.0.0.1:" + (first + 1), "127.0.0.1:" + (first + 2));
        assertThat(brokers(bootstrap)).isEqualTo(3);
        createTopic(bootstrap, "replicated", 3);
        produce(bootstrap, "replicated");

        long third = pid(3);
        ProcessHandle.of(third).orElseThrow().destroy(); // SIGTERM, as stop does, to one broker only
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (accepts(servers[2]) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(accepts(servers[2])).as("the third broker's port after SIGTERM").isFalse();
        assertThat(produce(servers[0], "replicated").offset()).as("acks=all with two of three replicas in sync").isEqualTo(1);

        script("stop", "--dir", dir.toString());
        for (int i = 1; i <= 3; i++) {
            assertThat(Files.exists(dir.resolve("broker-" + i).resolve("kafka.pid"))).as("pid file of broker " + i).isFalse();
            assertThat(accepts(servers[i - 1])).as("port of broker " + i + " after stop").isFalse();
        }
    }

    private static String script(String... args) {
        ExternalCommand.Result r = run(args);
        assertThat(r.exitCode()).as(r.output()).isZero();
        String[] lines = r.stdout().trim().split("\n");
        return lines[lines.length - 1].trim();
    }

    private static ExternalCommand.Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        return ExternalCommand.run(TIMEOUT, cmd);
    }

    private long pid(int broker) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("broker-" + broker).resolve("kafka.pid"), StandardCharsets.UTF_8).trim());
    }

    /** Whether something accepts connections at {@code host:port}. */
    private static boolean accepts(String server) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(server.substring(server.lastIndexOf(':') + 1))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static int brokers(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        }
    }

    private static void createTopic(String bootstrap, String name, int replication) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) replication)
                    .configs(Map.of("min.insync.replicas", String.valueOf(Math.min(2, replication)))))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static RecordMetadata produce(String bootstrap, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, "k", "v")).get(60, TimeUnit.SECONDS);
        }
    }
}
