package io.parkops.cluster;

import io.parkops.model.ThingId;
import io.parkops.model.log.ThrottledLog;
import io.parkops.rules.RuleSharing;
import io.parkops.twins.store.TwinStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twins a node joining the cluster starts from. Every node keeps every twin from its own feed of
 * the telemetry topic, but a node started for the first time reads that feed from its end; so the
 * owner of each partition writes the twins of its things that changed to the compacted
 * {@code {prefix}twins} topic once a second, and a starting node reads the topic whole before its
 * feed begins and takes each twin in place of its own copy (from its disk, or just made from the
 * registry), which cannot be newer: this node's feed resumes after it.
 */
public final class TwinSnapshots implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinSnapshots.class);
    private static final ThrottledLog SEND_FAILED = new ThrottledLog(LOG, 10_000);
    private static final long WRITE_INTERVAL_MS = 1000;

    private final ClusterConfig config;
    private final ThingPartitions partitions;
    private final TwinStore twins;
    private final RuleSharing owners;
    private final Set<ThingId> changed = ConcurrentHashMap.newKeySet();
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService writer;
    private final Runnable unsubscribe;

    /** Reads every twin there is into {@code twins} (blocking: at start, before the feed), then writes this node's changes. */
    public TwinSnapshots(ClusterConfig config, ThingPartitions partitions, TwinStore twins, RuleSharing owners) {
        this.config = config;
        this.partitions = partitions;
        this.twins = twins;
        this.owners = owners;
        load();
        this.producer = KafkaClients.producer(config, "twins", Map.of(ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        TopicMetadata.await(producer, config.twinsTopic(), Duration.ofSeconds(30));
        this.unsubscribe = twins.subscribe(event -> changed.add(event.id()));
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parkops-kafka-twins");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::write, WRITE_INTERVAL_MS, WRITE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void load() {
        int[] taken = {0};
        try (KafkaConsumer<byte[], byte[]> reader = KafkaClients.reader(config, "twins-load")) {
            List<TopicPartition> parts = TopicMetadata.partitions(reader, config.twinsTopic(), Duration.ofSeconds(30));
            TopicLog.readToEnd(reader, parts, Duration.ofSeconds(120), record -> {
                if (record.value() == null) {
                    return;
                }
                try {
                    Thing thing = ThingsModelFactory.newThing(JsonFactory.readFrom(
                            new String(record.value(), StandardCharsets.UTF_8)).asObject());
                    twins.adoptSnapshot(thing);
                    taken[0]++;
                } catch (RuntimeException e) {
                    LOG.warn("skipping an unreadable twin at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            e.toString());
                }
            });
        }
        LOG.info("twins: {} taken from {}", taken[0], config.twinsTopic());
    }

    /** The owned twins changed since the last write, to Kafka; the others are their owner's to write. */
    private void write() {
        try {
            for (ThingId id : List.copyOf(changed)) {
                changed.remove(id);
                if (!owners.owns(id)) {
                    continue;
                }
                twins.find(id).ifPresentOrElse(
                        thing -> send(id, thing.toJsonString().getBytes(StandardCharsets.UTF_8)),
                        () -> send(id, null)); // deleted: a tombstone
            }
        } catch (RuntimeException e) {
            SEND_FAILED.error("writing twins to {} failed: {}", config.twinsTopic(), e.toString());
        }
    }

    private void send(ThingId id, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(config.twinsTopic(), partitions.of(id), ThingPartitions.key(id), value),
                    (metadata, failure) -> {
                        if (failure != null) {
                            SEND_FAILED.error("twin {} not written to {}: {}", id, config.twinsTopic(), failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            SEND_FAILED.error("twin {} not written to {}: {}", id, config.twinsTopic(), e.toString());
        }
    }

    /** Writes what changed now and waits until Kafka has it (blocking): while this node still owns its partitions. */
    public void writeNow() {
        write();
        producer.flush();
    }

    @Override
    public void close() {
        unsubscribe.run();
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write(); // what changed in the last second
        producer.close(Duration.ofSeconds(10));
    }
}
