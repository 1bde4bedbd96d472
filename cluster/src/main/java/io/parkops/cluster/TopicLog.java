package io.parkops.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reading a compacted topic as a table: from its first record to where it ends now. */
final class TopicLog {

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
}
