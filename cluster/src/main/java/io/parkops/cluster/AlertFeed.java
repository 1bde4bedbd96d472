package io.parkops.cluster;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.rules.RuleSharing;
import io.parkops.rules.alerts.AlertJson;
import io.parkops.rules.alerts.AlertStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of every alert: reads the whole alerts topic at start (before the API opens),
 * then follows it. Each transition read is published on this node's bus
 * ({@link Addresses#ALERT_CHANGED}: the alert streams and the crews' MQTT), so an alert raised from
 * data that entered any node is listed and streamed by every node, once. The alerts of things this
 * node owns are written to its store by its rules already; the others are copied in here.
 */
public final class AlertFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AlertStore store;
    private final RuleSharing owners;
    private final Vertx vertx;
    private final ConsumerLoop loop;

    /** Reads every alert there is (blocking: at start, off the event loop), then follows on a thread of its own. */
    public AlertFeed(ClusterConfig config, AlertStore store, RuleSharing owners, Vertx vertx) {
        this.store = store;
        this.owners = owners;
        this.vertx = vertx;
        this.consumer = KafkaClients.reader(config, "alerts");
        int[] read = {0};
        try {
            List<TopicPartition> parts = TopicMetadata.partitions(consumer, config.alertsTopic(), Duration.ofSeconds(30));
            TopicLog.readToEnd(consumer, parts, Duration.ofSeconds(60), record -> {
                Alert alert = read(record);
                if (alert != null) {
                    store.put(alert); // the past: kept, not announced again
                    read[0]++;
                }
            });
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        LOG.info("alerts: {} records read from {}; following it", read[0], config.alertsTopic());
        this.loop = new ConsumerLoop("parkops-kafka-alerts", consumer, this::step).start();
    }

    private void step() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Alert alert = read(record);
            if (alert == null) {
                continue;
            }
            if (!owners.owns(alert.thingId())) {
                store.put(alert);
            }
            vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert);
        }
    }

    private static Alert read(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null; // a forgotten alert
        }
        try {
            return AlertJson.fromJson(new JsonObject(new String(record.value(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            LOG.warn("skipping an unreadable alert at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
