package io.parkops.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.config.SharedConfig;
import io.parkops.model.flow.Onward;
import io.parkops.rules.RulesVerticle;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.influx.InfluxConfig;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a cluster, started before its edges open and stopped after they closed:
 * the topics (created when missing), the producer its edges hand messages to ({@link #onward()}),
 * its feed of every partition into the local twins, its member of the InfluxDB writer group, its
 * copy of every alert and its member of the rule owners' group; and the shared configuration,
 * read whole from the config topic before anything else starts, then followed ({@link ConfigFeed}),
 * and changed through {@link #sharedConfig()}.
 *
 * <pre>
 * edge --KafkaOnward (ack = stored)--> {prefix}telemetry --NodeFeed--> local bus --> twins --> rules (owned things only)
 *                                                       \--InfluxFromKafka (group {prefix}influx-writer)--> InfluxDB
 * rules --RuleOwners--> {prefix}rule-state, {prefix}alerts --AlertFeed (every node)--> alert store, local bus
 * </pre>
 */
public final class ClusterNode {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterConfig config;
    private KafkaOnward onward;
    private NodeFeed feed;
    private InfluxFromKafka influx;
    private PartitionLag lag;
    private AlertFeed alerts;
    private RuleOwners owners;
    private ConfigLog configLog;
    private ConfigFeed configFeed;
    private TwinEditLog twinEdits;
    private TwinSnapshots snapshots;

    private ClusterNode(ClusterConfig config) {
        this.config = config;
    }

    /**
     * Connects to Kafka (blocking work on a worker thread); fails when Kafka does not answer within
     * 30 s. {@code registry} takes the InfluxDB writer's meters ({@code parkops_influx_*}), the
     * producer's ({@code parkops_kafka_produce_*}) and the consumers' lag ({@code parkops_kafka_consumer_lag}).
     * Every record of the config topic goes to the applier of its kind, the whole topic before the
     * rest starts (so the rules and the edges find the shared devices, types and rules), later ones
     * as they come.
     */
    public static Future<ClusterNode> start(Vertx vertx, ClusterConfig config, InfluxConfig influxConfig, MeterRegistry registry,
                                            Locals rules, Map<SharedConfig.Kind, SharedConfig.Applier> appliers) {
        ClusterNode node = new ClusterNode(config);
        return vertx.executeBlocking(() -> {
            try {
                int partitions = ClusterTopics.ensure(config, START_TIMEOUT);
                node.configLog = new ConfigLog(config);
                node.configFeed = new ConfigFeed(config, appliers, START_TIMEOUT);
                node.onward = new KafkaOnward(config, registry);
                node.onward.warmUp(START_TIMEOUT);
                // every alert first, then the rules of this node's partitions (which may find theirs in the store)
                node.alerts = new AlertFeed(config, rules.alerts(), rules.owners(), vertx);
                ThingPartitions things = new ThingPartitions(partitions); // one thing -> partition map for all of them
                node.owners = rules.owners().join(vertx, rules.verticle(), things);
                node.twinEdits = new TwinEditLog(config, things, vertx);
                node.snapshots = new TwinSnapshots(vertx, config, things, rules.twins(), rules.owners()); // before the feed
                node.feed = new NodeFeed(config, telemetry -> vertx.eventBus().send(Addresses.TELEMETRY, telemetry),
                        node.snapshots.feedStart());
                node.influx = new InfluxFromKafka(config, influxConfig, registry);
                node.lag = new PartitionLag(config, node.feed, node.influx, registry);
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
            LOG.info("cluster node {} on Kafka {}: telemetry on {}, acknowledged once Kafka has it", config.nodeId(),
                    config.bootstrap(), config.telemetryTopic());
            return node;
        });
    }

    /**
     * This node's own parts that the cluster shares: the rules verticle, deployed and shared through
     * {@code owners} ({@link RulesVerticle#sharedThrough}); the alert store it writes, which this node's
     * {@link AlertFeed} fills with the other nodes' alerts; the twins, which start from
     * {@link TwinSnapshots} and take the other nodes' API edits ({@link TwinEditLog}).
     */
    public record Locals(RulesVerticle verticle, RuleOwners owners, AlertStore alerts, TwinStore twins) {
    }

    /**
     * Leaves the rule owners' group, so this node's partitions move to the others with its last
     * memory written; call first when stopping, while the rules verticle still runs (blocking work
     * on a worker thread).
     */
    public Future<Void> leaveRules(Vertx vertx) {
        RuleOwners leaving = owners;
        owners = null;
        TwinSnapshots lastTwins = snapshots;
        return leaving == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            if (lastTwins != null) {
                lastTwins.writeNow(); // the twins of the partitions about to move, as this node last had them
            }
            leaving.close();
            return null;
        });
    }

    /** The partitions whose rules run on this node now. */
    public Set<Integer> ownedPartitions() {
        RuleOwners o = owners;
        return o == null ? Set.of() : o.owned();
    }

    /** Where this node's API edits of twins go, for the other nodes. */
    public TwinEditLog twinEdits() {
        return twinEdits;
    }

    /** Where this node's edges hand admitted messages. */
    public Onward onward() {
        return onward;
    }

    /** Where this node's stores send a configuration change before they keep it. */
    public SharedConfig sharedConfig() {
        return configLog;
    }

    public ClusterConfig config() {
        return config;
    }

    /** Why this node's edge cannot hand messages to Kafka now (its last message was refused), or null. */
    public String produceFailing() {
        return onward == null ? "not connected to Kafka" : onward.failing();
    }

    /** Messages produced that Kafka has not acknowledged yet. */
    public int unacknowledged() {
        return onward == null ? 0 : onward.unacknowledged();
    }

    /** The telemetry partitions the InfluxDB writer group gave this node (sorted). */
    public Set<Integer> heldPartitions() {
        return influx == null ? Set.of() : influx.held();
    }

    /** The consumers' lag per partition as last sampled; null before start. */
    public PartitionLag lag() {
        return lag;
    }

    /**
     * This node in the cluster, for {@code /health}: its id, the partitions whose rules run here, the
     * writer group's partitions it holds with their lag, the feed's lag, messages waiting for Kafka's answer, and why the lag is old
     * when Kafka does not tell the offsets.
     */
    public JsonObject status() {
        JsonObject status = new JsonObject().put("node", config.nodeId()).put("bootstrap", config.bootstrap())
                .put("topic", config.telemetryTopic())
                .put("influxWriterPartitions", new JsonArray(new ArrayList<>(heldPartitions())))
                .put("rulePartitions", new JsonArray(new ArrayList<>(new TreeSet<>(ownedPartitions()))))
                .put("unacknowledged", unacknowledged());
        if (lag != null) {
            PartitionLag.Sample sample = lag.last();
            JsonObject perPartition = new JsonObject();
            sample.influxWriter().forEach((partition, records) -> perPartition.put(String.valueOf(partition), records));
            status.put("influxWriterLag", perPartition).put("nodeFeedLag", sample.feedTotal()).put("lagAgeMs", lag.ageMillis());
            if (sample.error() != null) {
                status.put("lagError", sample.error());
            }
        }
        return status;
    }

    /** Points the InfluxDB writer group's member on this node holds in memory. */
    public int influxQueued() {
        return influx == null ? 0 : influx.writer().queued();
    }

    /** Flushes the producer, then stops the feed and the writer (what they did not commit stays in Kafka). */
    public Future<Void> stop(Vertx vertx) {
        return vertx.executeBlocking(() -> {
            close();
            return null;
        });
    }

    private void close() {
        closing("lag sampler", lag);
        closing("producer", onward);
        closing("node feed", feed);
        closing("InfluxDB writer group member", influx);
        closing("rule owner", owners);
        closing("alert feed", alerts);
        closing("config feed", configFeed);
        closing("config producer", configLog);
        closing("twin edit log", twinEdits);
        closing("twin snapshots", snapshots);
    }

    /** Closes one part, saying so when it took more than a second (a stop should be quick). */
    private static void closing(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        long start = System.nanoTime();
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("closing the {} failed: {}", what, e.toString());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > 1000) {
            LOG.warn("closing the {} took {} ms", what, ms);
        }
    }
}
