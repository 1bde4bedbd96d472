package io.parkops.cluster;

import io.parkops.model.Rejection;
import io.parkops.model.Telemetry;
import io.parkops.model.flow.IngestContext;
import io.parkops.model.flow.Onward;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's {@link Onward}: every admitted message is produced to the telemetry topic, keyed by
 * thing id, and its {@link IngestContext} ends when Kafka answers: {@code stored()} once every
 * in-sync replica has it ({@code acks=all}, idempotent producer, so a retried send is not written
 * twice), {@code refused(NOT_STORED)} when Kafka refuses it or does not answer within the ack
 * timeout. Kafka is the durability point of a cluster node: nothing else waits.
 *
 * <p>Never blocks the event loop that calls it: {@code max.block.ms} is 0, so when the producer
 * cannot take a record at once (its buffer full, the topic's metadata unknown) {@code send} fails
 * at once and the device is refused (MQTT 5 0x80, MQTT 3.1.1 disconnected, CoAP 5.03) instead of
 * the edge waiting. The topic's metadata is fetched before the edges start ({@link #warmUp}) and
 * kept while idle, so this happens only when Kafka is really in trouble.
 */
public final class KafkaOnward implements Onward, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOnward.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private volatile long lastFailureLogged = System.nanoTime() - LOG_INTERVAL_NANOS;
    private volatile long lastFailure;
    private volatile long lastAck;
    private volatile String lastFailureText;

    public KafkaOnward(ClusterConfig config) {
        this.topic = config.telemetryTopic();
        long ackTimeout = config.ackTimeout().toMillis();
        long linger = 2;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-edge",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) linger,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, ackTimeout - linger),
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) TimeUnit.DAYS.toMillis(1)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Fetches the telemetry topic's metadata, so the first message does not find it unknown; blocks
     * up to {@code timeout} (call it off the event loop, at start).
     */
    public void warmUp(Duration timeout) {
        TopicMetadata.await(producer, topic, timeout);
    }

    @Override
    public void handOn(Telemetry telemetry) {
        IngestContext context = telemetry.context();
        ProducerRecord<byte[], byte[]> record;
        try {
            record = new ProducerRecord<>(topic, TelemetryRecords.key(telemetry), TelemetryRecords.value(telemetry));
        } catch (RuntimeException e) {
            context.refused(Rejection.NOT_STORED, "it could not be written for Kafka (" + e.getClass().getSimpleName() + ")");
            return;
        }
        unacknowledged.incrementAndGet();
        try {
            producer.send(record, (metadata, failure) -> {
                unacknowledged.decrementAndGet();
                if (failure == null) {
                    lastAck = System.nanoTime();
                    context.stored();
                } else {
                    refuse(context, failure);
                }
            });
        } catch (RuntimeException e) { // cannot take it now (buffer full, no metadata, closed): refused, never waited for
            unacknowledged.decrementAndGet();
            refuse(context, e);
        }
    }

    /** Messages handed to the producer that Kafka has not answered yet. */
    public int unacknowledged() {
        return unacknowledged.get();
    }

    /**
     * Why Kafka is not taking messages now, or null: its last answer to a message was a refusal (or
     * no answer in time), and none was acknowledged since.
     */
    public String failing() {
        return lastFailure != 0 && lastFailure - lastAck > 0 ? lastFailureText : null;
    }

    private void refuse(IngestContext context, Exception failure) {
        context.refused(Rejection.NOT_STORED, "Kafka did not take it (" + failure.getClass().getSimpleName() + "); send it again");
        long now = System.nanoTime();
        lastFailureText = failure.toString();
        lastFailure = now;
        long last = lastFailureLogged;
        if (now - last >= LOG_INTERVAL_NANOS) {
            lastFailureLogged = now;
            LOG.warn("Kafka does not take telemetry on {}: {}; devices are refused until it does", topic, failure.toString());
        }
    }

    /** Sends what is buffered (waiting at most {@code timeout}), then closes; blocks, so call it off the event loop. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
