package io.parkops.cluster;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Waiting until Kafka describes a topic: for producers that never block a send ({@code max.block.ms} 0),
 * and for consumers that assign themselves a topic's partitions.
 */
final class TopicMetadata {

    private TopicMetadata() {
    }

    /**
     * Fetches {@code topic}'s metadata into {@code producer}, so a send does not find it unknown;
     * blocks up to {@code timeout} (call it off the event loop, at start).
     */
    static void await(Producer<?, ?> producer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaException last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                if (!producer.partitionsFor(topic).isEmpty()) {
                    return;
                }
            } catch (KafkaException e) { // with max.block.ms 0 every try before the answer fails at once
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Kafka did not describe topic " + topic + " within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    /**
     * The partitions of {@code topic} as {@code consumer} sees them, asking again until there are
     * some: a topic created a moment ago may be described with none at first, and a consumer
     * assigned none follows nothing for its whole life. Blocks up to {@code timeout}.
     */
    static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofNanos(Math.max(left, 1)));
            if (found != null && !found.isEmpty()) {
                return found.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (left <= 0) {
                throw new IllegalStateException("Kafka did not describe the partitions of topic " + topic + " within "
                        + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }
}
