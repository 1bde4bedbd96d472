package io.parkops.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka clients the cluster's shared state uses, made the same way everywhere. */
final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * A producer for state other nodes rely on (alerts, rule memory, twin edits and snapshots):
     * idempotent, {@code acks=all}, a send never blocks the caller (it fails at once when it cannot be
     * buffered) and is given up only after an hour without Kafka. {@code role} names it in Kafka's
     * client id; {@code extra} adds or overrides settings.
     */
    static KafkaProducer<byte[], byte[]> producer(ClusterConfig config, String role, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-" + role,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.HOURS.toMillis(1),
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) TimeUnit.DAYS.toMillis(1)));
        settings.putAll(extra);
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer outside any group that commits nothing: for reading topics whole or following them by assignment. */
    static KafkaConsumer<byte[], byte[]> reader(ClusterConfig config, String role) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ConsumerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-" + role,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
