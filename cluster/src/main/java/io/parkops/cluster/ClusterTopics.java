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

    /**
     * Creates what is missing and answers the telemetry topic's partitions; fails with a message that
     * names Kafka's address when it does not answer within {@code timeout}.
     */
    public static int ensure(ClusterConfig config, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                AdminClientConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) config.replicationFor(brokers);
            // a broker may take a record only while another replica has it too, once there are replicas to have
            Map<String, String> durable = Map.of("min.insync.replicas", String.valueOf(Math.min(2, replication)));
            Map<String, String> compacted = Map.of("min.insync.replicas", String.valueOf(Math.min(2, replication)),
                    "cleanup.policy", "compact");
            boolean created = create(admin, new NewTopic(config.telemetryTopic(), config.partitions(), replication).configs(durable),
                    brokers, timeout);
            // the rules' topics have as many partitions as telemetry, so partition n of each holds the same things
            // (a topic just created has the configured count; describing it at once can race its metadata)
            int partitions = created ? config.partitions() : admin.describeTopics(List.of(config.telemetryTopic())).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(config.telemetryTopic()).partitions().size();
            create(admin, new NewTopic(config.ruleStateTopic(), partitions, replication).configs(compacted), brokers, timeout);
            create(admin, new NewTopic(config.alertsTopic(), partitions, replication).configs(compacted), brokers, timeout);
            create(admin, new NewTopic(config.alertCommandsTopic(), partitions, replication).configs(Map.of(
                    "min.insync.replicas", String.valueOf(Math.min(2, replication)),
                    "retention.ms", String.valueOf(TimeUnit.HOURS.toMillis(1)))), brokers, timeout);
            create(admin, new NewTopic(config.twinsTopic(), partitions, replication).configs(compacted), brokers, timeout);
            create(admin, new NewTopic(config.twinEditsTopic(), partitions, replication).configs(Map.of(
                    "min.insync.replicas", String.valueOf(Math.min(2, replication)),
                    "retention.ms", String.valueOf(TimeUnit.DAYS.toMillis(7)))), brokers, timeout);
            // one partition: configuration is small, and one order for every change is simpler to reason about
            create(admin, new NewTopic(config.configTopic(), 1, replication).configs(Map.of(
                    "min.insync.replicas", String.valueOf(Math.min(2, replication)),
                    "cleanup.policy", "compact",
                    // how long a deletion is remembered: a node away longer may keep what was deleted meanwhile
                    "delete.retention.ms", String.valueOf(CONFIG_TOMBSTONE_RETENTION.toMillis()))), brokers, timeout);
            return partitions;
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

    /** Creates {@code topic}; false when it existed. */
    private static boolean create(Admin admin, NewTopic topic, int brokers, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created Kafka topic {} ({} partitions, replication {}, {} brokers)", topic.name(),
                    topic.numPartitions(), topic.replicationFactor(), brokers);
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            return false;
        }
    }
}
