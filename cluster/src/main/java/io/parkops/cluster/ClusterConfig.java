package io.parkops.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How this node joins a cluster (ParkOps's cluster mode, set by {@code PARKOPS_KAFKA_BOOTSTRAP}).
 * Validated here; the defaults live with the platform's other settings ({@code ConfigKey}).
 *
 * @param bootstrap    Kafka's {@code bootstrap.servers}: {@code host:port,...}
 * @param nodeId       this node's name in the cluster (client ids, its own feed's consumer group)
 * @param topicPrefix  put before the name of every topic ParkOps creates
 * @param partitions   partitions of a topic ParkOps creates
 * @param replication  replicas of a topic ParkOps creates; 0 = min(3, brokers in the cluster)
 * @param ackTimeout   how long a device's message may wait for Kafka's acknowledgement before the
 *                     device is refused (the producer's {@code delivery.timeout.ms})
 */
public record ClusterConfig(String bootstrap, String nodeId, String topicPrefix, int partitions, int replication,
                            Duration ackTimeout) {

    /** Kafka's legal topic characters; the prefix may also be empty. */
    private static final Pattern TOPIC_CHARS = Pattern.compile("[A-Za-z0-9._-]*");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern HOST_PORT = Pattern.compile("[^,:\\s]+:\\d{1,5}");

    /** Replication 0 stands for "as many as the cluster has brokers, at most 3". */
    public static final int REPLICATION_AUTO = 0;

    public ClusterConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        for (String server : bootstrap.split(",")) {
            require(HOST_PORT.matcher(server.trim()).matches(), Setting.BOOTSTRAP, "must be host:port[,host:port...]");
        }
        require(nodeId != null && NODE_ID.matcher(nodeId).matches(), Setting.NODE_ID,
                "must be 1-100 of A-Z a-z 0-9 . _ -, starting with a letter or digit");
        require(topicPrefix != null && TOPIC_CHARS.matcher(topicPrefix).matches() && topicPrefix.length() <= 200,
                Setting.TOPIC_PREFIX, "may hold only A-Z a-z 0-9 . _ - (at most 200)");
        require(partitions >= 1 && partitions <= 10_000, Setting.PARTITIONS, "must be 1..10000");
        require(replication >= 0 && replication <= 32, Setting.REPLICATION, "must be auto or 1..32");
        require(ackTimeout.toMillis() >= 1000 && ackTimeout.toMillis() <= 300_000, Setting.ACK_TIMEOUT, "must be 1000..300000 ms");
    }

    /** The settings, so a refusal can name the one at fault in the caller's terms. */
    public enum Setting { BOOTSTRAP, NODE_ID, TOPIC_PREFIX, PARTITIONS, REPLICATION, ACK_TIMEOUT }

    /** A setting this record refuses; {@link #setting()} says which. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private final Setting setting;

        InvalidSetting(Setting setting, String problem) {
            super(problem);
            this.setting = setting;
        }

        public Setting setting() {
            return setting;
        }
    }

    private static void require(boolean ok, Setting setting, String problem) {
        if (!ok) {
            throw new InvalidSetting(setting, problem);
        }
    }

    /** Where every node's edge produces telemetry, keyed by thing id. */
    public String telemetryTopic() {
        return topicPrefix + "telemetry";
    }

    /**
     * The compacted topic of shared configuration (tokens, sites, devices, device types, rules),
     * keyed {@code kind/id}; every node reads it whole.
     */
    public String configTopic() {
        return topicPrefix + "config";
    }

    /** The consumer group that writes telemetry to InfluxDB: one for the whole cluster, members on every node. */
    public String influxWriterGroup() {
        return topicPrefix + "influx-writer";
    }

    /** This node's own feed of every partition into its twins and rules (until twins are owned per partition). */
    public String nodeFeedGroup() {
        return topicPrefix + "node-feed." + nodeId;
    }

    /** The engine's memory of each thing, compacted, keyed by thing id, in the thing's telemetry partition. */
    public String ruleStateTopic() {
        return topicPrefix + "rule-state";
    }

    /** Every alert's latest version, compacted, keyed by alert id, in its thing's telemetry partition. */
    public String alertsTopic() {
        return topicPrefix + "alerts";
    }

    /** Acknowledgements and clears on their way to the node that owns the alert's thing, keyed by thing id. */
    public String alertCommandsTopic() {
        return topicPrefix + "alert-commands";
    }

    /** Twin edits made through any node's API, keyed by thing id, which every other node applies. */
    public String twinEditsTopic() {
        return topicPrefix + "twin-edits";
    }

    /** Each twin as its partition's owner last wrote it, compacted, keyed by thing id: what a new node starts from. */
    public String twinsTopic() {
        return topicPrefix + "twins";
    }

    /** The group whose assignment says which node runs the rules of which partition's things. */
    public String ruleOwnersGroup() {
        return topicPrefix + "rule-owners";
    }

    /** The replication to create topics with, given the brokers the cluster has. */
    public int replicationFor(int brokers) {
        return replication == REPLICATION_AUTO ? Math.max(1, Math.min(3, brokers)) : replication;
    }
}
