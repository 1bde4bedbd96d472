package io.parkops.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Positioning consumers that read a topic outside any group assignment. */
final class TopicLog {

    private static final Logger LOG = LoggerFactory.getLogger(TopicLog.class);

    private TopicLog() {
    }

    /**
     * Assigns {@code parts} to {@code reader}, reads each from its beginning to its end as of now and
     * hands every record to {@code each}, in order per partition; blocks, and fails after {@code timeout}.
     */
    static void readToEnd(KafkaConsumer<byte[], byte[]> reader, Collection<TopicPartition> parts, Duration timeout,
                          Consumer<ConsumerRecord<byte[], byte[]>> each) {
        reader.assign(parts);
        reader.seekToBeginning(parts);
        readOn(reader, parts, timeout, each);
    }

    /**
     * As {@link #readToEnd}, each partition from the offset {@code from} gives it (or, from further on,
     * the oldest offset Kafka still holds).
     */
    static void readFrom(KafkaConsumer<byte[], byte[]> reader, Map<TopicPartition, Long> from, Duration timeout,
                         Consumer<ConsumerRecord<byte[], byte[]>> each) {
        reader.assign(from.keySet());
        seekNoEarlierThanOldest(reader, from, timeout);
        readOn(reader, from.keySet(), timeout, each);
    }

    /** Seeks each partition to its offset in {@code to}, or to the oldest Kafka still holds if that is later. */
    private static void seekNoEarlierThanOldest(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> to,
                                                Duration timeout) {
        if (to.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> oldest = consumer.beginningOffsets(to.keySet(), timeout);
        to.forEach((part, offset) -> consumer.seek(part, Math.max(offset, oldest.getOrDefault(part, 0L))));
    }

    private static void readOn(KafkaConsumer<byte[], byte[]> reader, Collection<TopicPartition> parts, Duration timeout,
                               Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Long> ends = new HashMap<>(reader.endOffsets(parts, timeout));
        long deadline = System.nanoTime() + timeout.toNanos();
        ends.entrySet().removeIf(e -> reader.position(e.getKey(), timeout) >= e.getValue());
        while (!ends.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("reading " + ends.keySet() + " to the end took longer than "
                        + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                each.accept(record);
            }
            ends.entrySet().removeIf(e -> reader.position(e.getKey(), timeout) >= e.getValue());
        }
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} (a group of its own per node) and
     * seeks each to where the group stopped or, the first time, to its end now; blocks. Used by the
     * feeds every node reads whole, whose position must be known before the edges open.
     *
     * @return how many partitions resumed from where the node stopped
     */
    static int resumeOrEnd(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        return resumeOrStart(consumer, topic, Map.of(), timeout);
    }

    /**
     * As {@link #resumeOrEnd}, except that a partition this node never read starts at the offset
     * {@code firstTime} gives it (partition to offset), where it has one (or Kafka's oldest, if later).
     */
    static int resumeOrStart(KafkaConsumer<byte[], byte[]> consumer, String topic, Map<Integer, Long> firstTime,
                             Duration timeout) {
        List<TopicPartition> partitions = TopicMetadata.partitions(consumer, topic, timeout);
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), timeout);
        List<TopicPartition> fresh = partitions.stream().filter(p -> committed.get(p) == null).collect(Collectors.toList());
        committed.forEach((p, offset) -> {
            if (offset != null) {
                consumer.seek(p, offset);
            }
        });
        Map<TopicPartition, Long> given = new HashMap<>();
        fresh.stream().filter(p -> firstTime.containsKey(p.partition())).forEach(p -> given.put(p, firstTime.get(p.partition())));
        seekNoEarlierThanOldest(consumer, given, timeout);
        consumer.seekToEnd(fresh.stream().filter(p -> !given.containsKey(p)).toList());
        fresh.forEach(p -> consumer.position(p, timeout)); // resolve "the end" now, not at the first poll
        return partitions.size() - fresh.size();
    }

    /** The offset a mark record holds (its value, decimal), or empty with a warning when it holds none. */
    static Optional<Long> offsetIn(ConsumerRecord<byte[], byte[]> mark) {
        String text = mark.value() == null ? "" : new String(mark.value(), StandardCharsets.UTF_8);
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("skipping an unreadable mark at {}-{}@{}: '{}' is not an offset", mark.topic(), mark.partition(),
                    mark.offset(), text);
            return Optional.empty();
        }
    }
}
