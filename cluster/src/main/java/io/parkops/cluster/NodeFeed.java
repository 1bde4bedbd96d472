package io.parkops.cluster;

import io.parkops.model.Telemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the telemetry stream: every partition, from wherever this node stopped (or,
 * the first time, from the owners' twin snapshot marks, else from now on), handed to the node's own
 * twins and rules with no device waiting ({@code IngestContext.fromLog}: the producing node answered
 * the device when Kafka took it; the offset lets the rules and the snapshots say how far they are).
 * Every node keeps every twin; the rules evaluate only the partitions this node owns ({@link RuleOwners}).
 */
public final class NodeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConsumerLoop loop;
    private final Consumer<Telemetry> deliver;
    private List<TopicPartition> partitions = List.of();
    /** Where this feed reads each partition (index = partition), -1 while unknown; for the lag meters. */
    private AtomicLongArray positions = new AtomicLongArray(0);
    private long unreadable;

    /**
     * Assigns every partition of the telemetry topic and seeks (blocking: call it at start, off the
     * event loop); then reads on a thread of its own and hands each message to {@code deliver}.
     */
    public NodeFeed(ClusterConfig config, Consumer<Telemetry> deliver) {
        this(config, deliver, Map.of());
    }

    /**
     * As above; a partition this node never read starts at the offset {@code firstTime} gives it
     * (from {@link TwinSnapshots#feedStart}: the readings its twins may lack), else at the end.
     */
    public NodeFeed(ClusterConfig config, Consumer<Telemetry> deliver, Map<Integer, Long> firstTime) {
        this.deliver = deliver;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.nodeFeedGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-feed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            assignAll(config.telemetryTopic(), firstTime);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.loop = new ConsumerLoop("parkops-kafka-feed", consumer, this::step).start();
    }

    /**
     * Every partition, by assignment rather than a group subscription: each node reads them all, and
     * its position is known before the edges open, so no message produced after the start is missed.
     */
    private void assignAll(String topic, Map<Integer, Long> firstTime) {
        int resumed = TopicLog.resumeOrStart(consumer, topic, firstTime, Duration.ofSeconds(30));
        List<TopicPartition> partitions = List.copyOf(consumer.assignment());
        this.partitions = partitions;
        this.positions = new AtomicLongArray(partitions.stream().mapToInt(TopicPartition::partition).max().orElse(-1) + 1);
        for (int i = 0; i < positions.length(); i++) {
            positions.set(i, -1);
        }
        partitions.forEach(p -> positions.set(p.partition(), consumer.position(p)));
        LOG.info("node feed reads {} partitions of {} ({} from where this node stopped)", partitions.size(), topic, resumed);
    }

    private void step() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            positions.set(record.partition(), record.offset() + 1); // for the lag meters
            Telemetry telemetry;
            try {
                telemetry = TelemetryRecords.read(record.value(), record.offset()); // the new owner of its rules replays from an offset
            } catch (IllegalArgumentException e) {
                if (unreadable++ % 1000 == 0) {
                    LOG.warn("node feed skips unreadable records on {} ({} so far; this one at offset {}): {}",
                            record.topic(), unreadable, record.offset(), e.getMessage());
                }
                continue;
            }
            deliver.accept(telemetry);
        }
    }

    /** The partitions this feed reads (every partition of the telemetry topic). */
    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** The offset after the last record this feed read from {@code partition} (where it started, before any), or -1 if unknown. */
    public long position(int partition) {
        return partition < positions.length() ? positions.get(partition) : -1;
    }

    @Override
    public void close() {
        loop.close();
    }
}
