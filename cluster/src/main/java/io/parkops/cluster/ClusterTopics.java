package io.parkops.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics ParkOps needs when they are missing, with the configured partitions and
 * replication (by default as many replicas as there are brokers, at most 3). An existing topic is
 * left as it is: changing partitions would move devices between partitions. Blocking: call it at
 * start, off the event loop.
 */
public final class ClusterTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterTopics.class);

    /** A deleted token, device or rule is remembered this long in the compacted config topic. */
    static final Duration CONFIG_TOMBSTONE_RETENTION = Duration.ofDays(30);

    private ClusterTopics() {
    }

    /** True when created, false when it existed (and is left as it is). */
    private static boolean create(Admin admin, NewTopic topic, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            return false;
        }
    }

    /** Creates what is missing; fails with a message that names Kafka's address when it does not answer within {@code timeout}. */
    public static void ensure(ClusterConfig config, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                AdminClientConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) config.replicationFor(brokers);
            NewTopic telemetry = new NewTopic(config.telemetryTopic(), config.partitions(), replication)
                    // a broker may take a record only while another replica has it too, once there are replicas to have
                    .configs(Map.of("min.insync.replicas", String.valueOf(Math.min(2, replication))));
            // one partition: configuration is small, and one order for every change is simpler to reason about
            NewTopic shared = new NewTopic(config.configTopic(), 1, replication).configs(Map.of(
                    "cleanup.policy", "compact",
                    "min.insync.replicas", String.valueOf(Math.min(2, replication)),
                    // how long a deletion is remembered: a node away longer may keep what was deleted meanwhile
                    "delete.retention.ms", String.valueOf(CONFIG_TOMBSTONE_RETENTION.toMillis())));
            for (NewTopic topic : List.of(telemetry, shared)) {
                if (create(admin, topic, timeout)) {
                    LOG.info("created Kafka topic {} ({} partitions, replication {}, {} brokers)", topic.name(), topic.numPartitions(),
                            replication, brokers);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrap() + " refused to create the topics: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrap() + " (PARKOPS_KAFKA_BOOTSTRAP) does not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics", e);
        }
    }
}
