package io.parkops.cluster;

import io.parkops.model.config.SharedConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's reader of the config topic: at start it reads the topic whole, from the beginning to
 * the end offsets it had when it started, before the node's edges and API open (so a token made
 * on another node signs in here right after this node started); then it follows the topic on a
 * thread of its own. Each record goes to the applier of its kind ({@code kind/id} keys); a record
 * of a kind nobody applies, or one an applier refuses, is logged and skipped.
 *
 * <p>No consumer group: every node reads every record, from the start, every time it starts.
 */
final class ConfigFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final Map<SharedConfig.Kind, SharedConfig.Applier> appliers;
    private final ConsumerLoop loop;
    private long applied;

    /** Reads the topic to its end (blocking, up to {@code timeout}), then follows it. */
    ConfigFeed(ClusterConfig config, Map<SharedConfig.Kind, SharedConfig.Applier> appliers, Duration timeout) {
        this.appliers = Map.copyOf(appliers);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ConsumerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-config-" + UUID.randomUUID().toString().substring(0, 8),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        try {
            readToEnd(config.configTopic(), timeout);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.loop = new ConsumerLoop("parkops-kafka-config", consumer, this::step).start();
    }

    private void readToEnd(String topic, Duration timeout) {
        List<TopicPartition> partitions = TopicMetadata.partitions(consumer, topic, timeout);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the config topic " + topic + " could not be read to its end within "
                        + timeout.toSeconds() + " s");
            }
            step();
        }
        LOG.info("config topic {} read whole at start: {} records applied", topic, applied);
    }

    private void step() {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            apply(record);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key() == null ? "" : record.key();
        int slash = key.indexOf('/');
        SharedConfig.Applier applier = slash < 0 ? null : appliers.get(kindOf(key.substring(0, slash)));
        if (applier == null) {
            LOG.warn("config record at offset {} has a key no store takes: '{}'; skipped", record.offset(), key);
            return;
        }
        try {
            applier.apply(key.substring(slash + 1), record.value());
            applied++;
        } catch (RuntimeException e) {
            LOG.error("config record {} at offset {} refused by this node, which keeps what it had: {}", key, record.offset(),
                    e.toString());
        }
    }

    private static SharedConfig.Kind kindOf(String prefix) {
        for (SharedConfig.Kind kind : SharedConfig.Kind.values()) {
            if (kind.prefix().equals(prefix)) {
                return kind;
            }
        }
        return null;
    }

    @Override
    public void close() {
        loop.close();
    }
}
