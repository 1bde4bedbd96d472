package io.parkops.cluster;

import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/** Waiting for a producer to know a topic, for producers that never block a send ({@code max.block.ms} 0). */
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
}
