package io.parkops.cluster;

import io.parkops.model.ThingId;
import io.parkops.model.log.ThrottledLog;
import io.parkops.twins.store.TwinEdit;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twin edits made through any node's API (a desired setpoint, an attribute) on every node: the node
 * that took the edit produces it to {@code {prefix}twin-edits} keyed by thing id, and every other
 * node applies it to its own copy of the twin, on its event bus ({@link #ADDRESS}), in the order
 * they were made per thing. So every node answers with the edit, and the node that holds the
 * device's connection sends it the command a desired value asks for (each node sends to its own
 * connections; the others' tries reach nobody and stop once the device reports the value).
 */
public final class TwinEditLog implements AutoCloseable {

    /** Where this node's feed hands an edit another node made, as JSON; the platform applies it to its twins. */
    public static final String ADDRESS = "parkops.cluster.twin-edit";

    private static final Logger LOG = LoggerFactory.getLogger(TwinEditLog.class);
    private static final ThrottledLog SEND_FAILED = new ThrottledLog(LOG, 10_000);
    private static final String NODE_HEADER = "parkops-node";

    private final ClusterConfig config;
    private final ThingPartitions partitions;
    private final byte[] node;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConsumerLoop loop;
    private final Vertx vertx;

    /** Connects (blocking: at start, off the event loop) and follows the edits other nodes make. */
    public TwinEditLog(ClusterConfig config, ThingPartitions partitions, Vertx vertx) {
        this.config = config;
        this.partitions = partitions;
        this.node = config.nodeId().getBytes(StandardCharsets.UTF_8);
        this.vertx = vertx;
        this.producer = KafkaClients.producer(config, "twin-edits", Map.of());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.twinEditsTopic() + "." + config.nodeId(),
                ConsumerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-twin-edits",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            TopicMetadata.await(producer, config.twinEditsTopic(), Duration.ofSeconds(30));
            TopicLog.resumeOrEnd(consumer, config.twinEditsTopic(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            consumer.close();
            throw e;
        }
        this.loop = new ConsumerLoop("parkops-kafka-twin-edits", consumer, this::step).start();
    }

    /** An edit this node's API made: to every other node (never blocks; a failure is logged). */
    public void handOn(TwinEdit edit) {
        ThingId thing = edit.thing();
        JsonObject json = new JsonObject().put("op", edit.op().name()).put("thing", thing.dittoId()).put("path", edit.path())
                .put("value", edit.value()).put("at", edit.at()).put("origin", edit.origin());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.twinEditsTopic(), partitions.of(thing),
                ThingPartitions.key(thing), json.encode().getBytes(StandardCharsets.UTF_8));
        record.headers().add(NODE_HEADER, node);
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    SEND_FAILED.error("the other nodes do not get the edit of {} at {}: {}", thing, edit.path(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            SEND_FAILED.error("the other nodes do not get the edit of {} at {}: {}", thing, edit.path(), e.toString());
        }
    }

    /** Reads back what {@link #handOn} wrote. */
    public static TwinEdit read(JsonObject json) {
        return new TwinEdit(TwinEdit.Op.valueOf(json.getString("op")), ThingId.parseDitto(json.getString("thing")),
                json.getString("path"), json.getString("value"), json.getLong("at"), json.getString("origin"));
    }

    private void step() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Header from = record.headers().lastHeader(NODE_HEADER);
            if (from != null && Arrays.equals(from.value(), node)) {
                continue; // made here, applied here already
            }
            try {
                JsonObject json = new JsonObject(new String(record.value(), StandardCharsets.UTF_8));
                read(json); // refuse what is not an edit before it reaches the twins
                vertx.eventBus().send(ADDRESS, json);
            } catch (RuntimeException e) {
                LOG.warn("skipping an unreadable twin edit at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.toString());
            }
        }
    }

    @Override
    public void close() {
        loop.close();
        producer.close(Duration.ofSeconds(10));
    }
}
