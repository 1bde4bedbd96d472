package io.parkops.cluster;

import io.parkops.model.Addresses;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.log.ThrottledLog;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
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
 *
 * <p>Beside the twins, the owner writes per partition how far its twins have applied the telemetry
 * topic (key {@value #APPLIED_THROUGH_KEY}, the offset of the last reading applied). A node that has
 * never read a partition starts its feed a little before that offset ({@link #feedStart}), so the
 * readings of an owner's last second, which it could not write any more (killed), reach the new
 * node's twins too: a reading applied again over a newer twin is overtaken by the newer ones that follow it.
 */
public final class TwinSnapshots implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinSnapshots.class);
    private static final ThrottledLog SEND_FAILED = new ThrottledLog(LOG, 10_000);
    private static final long WRITE_INTERVAL_MS = 1000;
    static final String APPLIED_THROUGH_KEY = "@applied-through";
    private static final byte[] APPLIED_THROUGH = APPLIED_THROUGH_KEY.getBytes(StandardCharsets.UTF_8);
    /**
     * Readings a starting node reads again before the owner's mark: the twin writer applies readings
     * on more than one thread, so a few below the highest applied offset may still have been on their way.
     */
    static final long FEED_START_MARGIN = 2_000;

    private final ClusterConfig config;
    private final ThingPartitions partitions;
    private final TwinStore twins;
    private final RuleOwners owners;
    /** Per partition, the offset of the last reading this node's twins applied (-1: none yet); written by the bus consumer. */
    private final AtomicLongArray applied;
    /** Per partition, the last offset written as this node's mark. */
    private final long[] marked;
    private final Map<Integer, Long> feedStart = new HashMap<>();
    private final MessageConsumer<TwinChange> appliedWatch;
    private final Set<ThingId> changed = ConcurrentHashMap.newKeySet();
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService writer;
    private final Runnable unsubscribe;

    /** Reads every twin there is into {@code twins} (blocking: at start, before the feed), then writes this node's changes. */
    public TwinSnapshots(Vertx vertx, ClusterConfig config, ThingPartitions partitions, TwinStore twins, RuleOwners owners) {
        this.config = config;
        this.partitions = partitions;
        this.twins = twins;
        this.owners = owners;
        this.applied = new AtomicLongArray(partitions.count());
        this.marked = new long[partitions.count()];
        for (int i = 0; i < partitions.count(); i++) {
            applied.set(i, -1);
            marked[i] = -1;
        }
        load();
        this.appliedWatch = vertx.eventBus().localConsumer(Addresses.TWIN_CHANGED, m -> noteApplied(m.body()));
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
                if (APPLIED_THROUGH_KEY.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    TopicLog.offsetIn(record).ifPresent(through ->
                            feedStart.put(record.partition(), Math.max(0, through + 1 - FEED_START_MARGIN)));
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

    /**
     * Where this node's feed starts a partition it never read (partition to offset): a little before
     * the last owner's mark; partitions without one start at the end.
     */
    public Map<Integer, Long> feedStart() {
        return Map.copyOf(feedStart);
    }

    private void noteApplied(TwinChange change) {
        long offset = change.context().logOffset();
        if (offset >= 0) {
            applied.accumulateAndGet(partitions.of(change.thingId()), offset, Math::max);
        }
    }

    /**
     * The owned twins changed since the last write, to Kafka, then the owned partitions' marks. The
     * others stay noted: they are their owner's to write, and this node's once it takes them over
     * (a killed owner could not write its last second's).
     */
    private synchronized void write() {
        try {
            long[] through = new long[marked.length]; // read before the twins: they hold at least this much
            for (int p = 0; p < through.length; p++) {
                through[p] = applied.get(p);
            }
            Set<Integer> mine = owners.owned();
            for (ThingId id : changed) { // weakly consistent: a thing noted meanwhile is written now or next time
                if (!mine.contains(partitions.of(id))) {
                    continue;
                }
                changed.remove(id);
                byte[] key = ThingPartitions.key(id);
                twins.find(id).ifPresentOrElse(
                        thing -> send(partitions.of(id), key, thing.toJsonString().getBytes(StandardCharsets.UTF_8)),
                        () -> send(partitions.of(id), key, null)); // deleted: a tombstone
            }
            for (int p : mine) {
                if (through[p] > marked[p]) {
                    send(p, APPLIED_THROUGH, Long.toString(through[p]).getBytes(StandardCharsets.UTF_8));
                    marked[p] = through[p];
                }
            }
        } catch (RuntimeException e) {
            SEND_FAILED.error("writing twins to {} failed: {}", config.twinsTopic(), e.toString());
        }
    }

    private void send(int partition, byte[] key, byte[] value) {
        String id = new String(key, StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(config.twinsTopic(), partition, key, value),
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
        appliedWatch.unregister();
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
