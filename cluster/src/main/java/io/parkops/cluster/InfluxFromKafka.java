package io.parkops.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.model.Telemetry;
import io.parkops.rules.influx.InfluxConfig;
import io.parkops.rules.influx.InfluxWriter;
import io.parkops.rules.influx.PointMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's InfluxDB writer: one consumer group ({@code {prefix}influx-writer}) with a member
 * on every node, each writing the points of the partitions it holds through the platform's own
 * {@link InfluxWriter} (batches, retries, backoff), and committing a poll's offsets only once
 * InfluxDB has every point of it. So InfluxDB being away leaves the backlog in Kafka, not on a
 * node's disk (this writer has no spool): the poll waits with its partitions paused, devices go on
 * being acknowledged by Kafka, and a node that dies before committing leaves its partitions to
 * another member, which writes them again. A point written twice is the same series and time, so
 * it overwrites itself.
 *
 * <p>A batch InfluxDB refuses for good (a field's type conflict) is counted and passed over, as on
 * a single node: retrying it would stall every device behind it.
 */
public final class InfluxFromKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxFromKafka.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WAIT_POLL = Duration.ofMillis(100);
    private static final int MAX_POLL_RECORDS = 2000;
    private static final int SESSION_TIMEOUT_MS = 10_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final InfluxWriter writer;
    private final ConsumerLoop loop;
    private volatile Set<Integer> held = Set.of();
    private long unreadable;

    /** {@code registry} takes the writer's meters (give it one of its own when another writer reports too). */
    public InfluxFromKafka(ClusterConfig config, InfluxConfig influx, MeterRegistry registry) {
        this.writer = new InfluxWriter(influx, null, registry);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.influxWriterGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-influx",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a group new to the topic writes everything the topic holds: nothing acknowledged is skipped
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                // a killed node's partitions move to the others after 10 s, not Kafka's default 45
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(config.telemetryTopic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                noteHeld(revoked);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                noteHeld(List.of());
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> lost) {
                noteHeld(lost);
            }
        });
        this.loop = new ConsumerLoop("parkops-kafka-influx", consumer, this::step).start();
    }

    private void step() throws InterruptedException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (records.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> firsts = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nexts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            firsts.putIfAbsent(partition, record.offset());
            nexts.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        try {
            write(records, firsts, nexts);
        } catch (RuntimeException e) { // not written for sure: read again, or the next commit would pass over them
            rewind(firsts);
            throw e;
        }
    }

    private void write(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> firsts,
                       Map<TopicPartition, OffsetAndMetadata> nexts) throws InterruptedException {
        List<Point> points = new ArrayList<>(records.count());
        records.forEach(record -> points.addAll(points(record)));
        int queued = writer.offer(points);
        awaitSettled(writer.whenSettled());
        if (!loop.running()) {
            return; // closing: not committed, another member (or the next start) writes it again
        }
        if (queued < points.size()) {
            LOG.warn("the InfluxDB write queue took {} of {} points; reading them again", queued, points.size());
            rewind(firsts);
            Thread.sleep(1000);
            return;
        }
        commit(nexts);
    }

    private List<Point> points(ConsumerRecord<byte[], byte[]> record) {
        try {
            Telemetry telemetry = TelemetryRecords.read(record.value());
            return PointMapper.points(telemetry);
        } catch (RuntimeException e) { // a record no retry can make into points must not stall its partition
            if (unreadable++ % 1000 == 0) {
                LOG.warn("InfluxDB writer skips unreadable records on {} ({} so far; this one at offset {}): {}",
                        record.topic(), unreadable, record.offset(), e.toString());
            }
            return List.of();
        }
    }

    /**
     * Waits for the writer with every partition paused, polling meanwhile so the group keeps this
     * member. A partition assigned during the wait may deliver records: they are read again later.
     */
    private void awaitSettled(CompletableFuture<Void> settled) {
        while (!settled.isDone() && loop.running()) {
            consumer.pause(consumer.assignment());
            Map<TopicPartition, Long> early = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(WAIT_POLL)) {
                early.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
            }
            rewind(early);
        }
        consumer.resume(consumer.paused());
    }

    private void rewind(Map<TopicPartition, Long> firsts) {
        Set<TopicPartition> held = consumer.assignment();
        firsts.forEach((p, offset) -> {
            if (held.contains(p)) {
                consumer.seek(p, offset);
            }
        });
    }

    /** Commits the partitions still held; a partition taken away meanwhile is written again by its new holder. */
    private void commit(Map<TopicPartition, OffsetAndMetadata> nexts) {
        Set<TopicPartition> held = consumer.assignment();
        nexts.keySet().retainAll(held);
        if (nexts.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(nexts);
        } catch (KafkaException e) { // the next commit covers these offsets too; until then they are only written again
            LOG.info("InfluxDB writer could not commit ({}); whoever reads these partitions next writes their points again",
                    e.toString());
        }
    }

    /** After a rebalance (on the consumer's thread): the partitions this member holds, for health and the lag meters. */
    private void noteHeld(Collection<TopicPartition> leaving) {
        Set<Integer> now = new TreeSet<>();
        consumer.assignment().forEach(p -> now.add(p.partition()));
        leaving.forEach(p -> now.remove(p.partition()));
        held = Collections.unmodifiableSet(now);
        LOG.info("InfluxDB writer on this node holds partitions {} of the telemetry topic", now);
    }

    /** The telemetry partitions the writer group gave this node (sorted), as of the last rebalance. */
    public Set<Integer> held() {
        return held;
    }

    /** The writer, for health and tests. */
    public InfluxWriter writer() {
        return writer;
    }

    /** Stops reading (nothing uncommitted is lost: it stays in Kafka), then flushes and closes the writer. Blocks. */
    @Override
    public void close() {
        loop.close();
        writer.close();
    }
}
