package io.parkops.cluster;

import io.parkops.model.config.SharedConfig;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The cluster's {@link SharedConfig}: a change is produced to the compacted config topic, keyed
 * {@code kind/id} (a null value is a tombstone), and {@link #publish} returns once every in-sync
 * replica has it ({@code acks=all}, idempotent), at most 5 s. The store applies it locally after that; every
 * node, this one included, applies it again when its {@link ConfigFeed} reads it, which is harmless
 * because applying a record is idempotent, and which makes nodes agree on the last of two
 * concurrent changes: the one Kafka ordered last.
 */
final class ConfigLog implements SharedConfig, AutoCloseable {

    private static final long MAX_WAIT_MILLIS = 5000;

    private final String topic;
    private final String bootstrap;
    private final long timeoutMillis;
    private final KafkaProducer<String, String> producer;

    ConfigLog(ClusterConfig config) {
        this.topic = config.configTopic();
        this.bootstrap = config.bootstrap();
        // someone waits at the API: at most 5 s (less when devices are refused sooner)
        this.timeoutMillis = Math.min(config.ackTimeout().toMillis(), MAX_WAIT_MILLIS);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-config",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeoutMillis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMillis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, timeoutMillis)),
                new StringSerializer(), new StringSerializer());
    }

    @Override
    public void publish(Kind kind, String id, String value) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            // send may itself block (up to max.block.ms) while it learns the topic: the whole wait stays within the timeout
            var acknowledged = producer.send(new ProducerRecord<>(topic, kind.key(id), value));
            acknowledged.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private Unavailable unavailable(Throwable cause) {
        return new Unavailable("Kafka at " + bootstrap + " did not acknowledge the change (" + cause
                + "); try again", cause);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
