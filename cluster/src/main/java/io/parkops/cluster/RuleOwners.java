package io.parkops.cluster;

import io.parkops.model.Alert;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.log.ThrottledLog;
import io.parkops.rules.RuleSharing;
import io.parkops.rules.RulesVerticle;
import io.parkops.rules.alerts.AlertCommand;
import io.parkops.rules.alerts.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node runs the rules of which things, and the logs that let another node take over.
 *
 * <p>Every node is a member of one consumer group ({@code {prefix}rule-owners}) subscribed to the
 * rule-state and alert-command topics, which have as many partitions as telemetry. The range
 * assignor gives partition n of both to the same member, and that member owns partition n: it
 * evaluates the rules of the things whose telemetry is in partition n, decides their alert
 * transitions and takes their acknowledgements and clears.
 *
 * <ul>
 *   <li><b>Taking a partition</b>: its rule state and its alerts are read from their compacted
 *       topics to the end, handed to the {@link RulesVerticle}, and only then is it owned.</li>
 *   <li><b>Giving one up</b> (a rebalance): it stops being owned at once, and the engine's last memory
 *       is written and flushed before the group moves on, so the next owner resumes from it.</li>
 *   <li><b>A node killed</b>: the group moves its partitions after the session timeout (6 s); the
 *       next owner resumes from the memory written on the dead node's last tick.</li>
 * </ul>
 * Transitions go to the alerts topic (see {@link AlertFeed}, which every node reads), never
 * straight to a bus: an alert is published by every node once Kafka has it.
 */
public final class RuleOwners implements RuleSharing, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleOwners.class);
    private static final ThrottledLog SEND_FAILED = new ThrottledLog(LOG, 10_000);
    /** Kafka's smallest session timeout by default ({@code group.min.session.timeout.ms}): the failover time. */
    static final int SESSION_TIMEOUT_MS = 6_000;
    private static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(30);
    /** The rule-state key, one per partition, whose value is the offset of the last reading its rules evaluated. */
    static final String EVALUATED_THROUGH_KEY = "@evaluated-through";
    private static final byte[] EVALUATED_THROUGH = EVALUATED_THROUGH_KEY.getBytes(StandardCharsets.UTF_8);
    /** Readings a new owner evaluates at most per partition on taking it over (minutes of a busy park's partition). */
    private static final int MAX_CATCH_UP = 50_000;

    private final ClusterConfig config;
    /** Set when joining: the rules' topics have as many partitions as telemetry. */
    private volatile ThingPartitions partitions;
    /** The partitions this node owns now; replaced whole, read from any thread. */
    private volatile Set<Integer> owned = Set.of();
    private KafkaProducer<byte[], byte[]> producer;
    private ConsumerLoop loop;
    private Vertx vertx;
    private RulesVerticle rules;

    /** Not connected yet: owns nothing until {@link #join} (give it to the rules verticle before deploying). */
    public RuleOwners(ClusterConfig config) {
        this.config = config;
    }

    /**
     * Connects and joins the group (blocking; call at start, off the event loop, after the rules
     * verticle is deployed): partitions arrive by themselves from then on.
     */
    public RuleOwners join(Vertx vertx, RulesVerticle rules, ThingPartitions partitions) {
        this.vertx = vertx;
        this.rules = rules;
        this.partitions = partitions;
        // sent from the event loop: a send that cannot be buffered fails at once and is logged
        producer = KafkaClients.producer(config, "rules", Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
        for (String topic : List.of(config.ruleStateTopic(), config.alertsTopic(), config.alertCommandsTopic())) {
            TopicMetadata.await(producer, topic, HANDOVER_TIMEOUT); // metadata now, so a send never finds it missing
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.ruleOwnersGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-rule-owner",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 4,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(config.ruleStateTopic(), config.alertCommandsTopic()), new Handover(consumer));
        loop = new ConsumerLoop("parkops-kafka-rule-owner", consumer, () -> {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                deliverCommand(record);
            }
        }).start();
        return this;
    }

    @Override
    public boolean owns(ThingId thing) {
        Set<Integer> mine = owned;
        return !mine.isEmpty() && mine.contains(partitions.of(thing));
    }

    /** The partitions this node owns now, in order (for health and tests). */
    public Set<Integer> owned() {
        return new TreeSet<>(owned);
    }

    @Override
    public void transition(Alert alert) {
        send(config.alertsTopic(), partitions.of(alert.thingId()), alert.thingId().dittoId(),
                alert.id().getBytes(StandardCharsets.UTF_8), AlertJson.toJson(alert).encode());
    }

    /** A tombstone per forgotten alert of a thing this node owns: compaction then drops the alert from the topic. */
    @Override
    public void forget(List<Alert> alerts) {
        for (Alert alert : alerts) {
            if (owns(alert.thingId())) {
                send(config.alertsTopic(), partitions.of(alert.thingId()), alert.thingId().dittoId(),
                        alert.id().getBytes(StandardCharsets.UTF_8), null);
            }
        }
    }

    @Override
    public int partitionOf(ThingId thing) {
        return partitions.of(thing);
    }

    @Override
    public void saveStates(Map<String, String> states, Map<Integer, Long> evaluatedThrough) {
        states.forEach((id, state) -> {
            ThingId thing = ThingId.parseDitto(id);
            send(config.ruleStateTopic(), partitions.of(thing), thing.dittoId(), ThingPartitions.key(thing), state);
        });
        // after the memory, in the same partition: whoever reads the memory reads how far it goes
        evaluatedThrough.forEach((partition, offset) -> send(config.ruleStateTopic(), partition, "partition " + partition,
                EVALUATED_THROUGH, Long.toString(offset)));
    }

    @Override
    public void forward(AlertCommand command, ThingId thing) {
        send(config.alertCommandsTopic(), partitions.of(thing), thing.dittoId(), ThingPartitions.key(thing),
                command.toJson().encode());
    }

    /** {@code about} names what the record is of, in log lines. */
    /** {@code value} null: a tombstone. */
    private void send(String topic, int partition, String about, byte[] key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8)),
                    (metadata, failure) -> {
                        if (failure != null) {
                            SEND_FAILED.error("Kafka did not take a record for {} on {}: {}", about, topic, failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            SEND_FAILED.error("Kafka did not take a record for {} on {}: {}", about, topic, e.toString());
        }
    }

    /** An acknowledgement or clear forwarded by another node: handed to this node's rules (which forward again if it moved on). */
    private void deliverCommand(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            JsonObject command = new JsonObject(new String(record.value(), StandardCharsets.UTF_8));
            AlertCommand.fromJson(command); // refuse what is not a command before it reaches the rules
            vertx.eventBus().send(AlertCommand.ADDRESS, command, new DeliveryOptions().setLocalOnly(true)); // its answer goes to the asking node through the alerts topic
        } catch (RuntimeException e) {
            LOG.warn("skipping an unreadable alert command at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    /** Moves partitions in and out, on the consumer's thread, inside its poll. */
    private final class Handover implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> consumer;

        Handover(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> leaving) {
            Set<Integer> gone = numbers(leaving);
            if (gone.isEmpty()) {
                return;
            }
            owned = without(owned, gone);
            try {
                RulesVerticle.Handover last = rules.release(gone)
                        .toCompletionStage().toCompletableFuture().get(HANDOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                saveStates(last.states(), last.evaluatedThrough());
                producer.flush(); // the next owner reads all of it: transitions, memory and how far it goes
                LOG.info("rules of partitions {} handed on ({} things' memory written, evaluated through {})", gone,
                        last.states().size(), last.evaluatedThrough());
            } catch (Exception e) {
                LOG.error("handing on the rules of partitions {} failed; the next owner resumes from the last tick's memory", gone, e);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            Set<Integer> gone = numbers(lost);
            owned = without(owned, gone);
            keepOthers(rules.release(gone), gone);
            LOG.warn("rules of partitions {} lost (this node left the group); another node owns them now", gone);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> arriving) {
            Set<Integer> taken = numbers(arriving);
            consumer.pause(arriving.stream().filter(p -> p.topic().equals(config.ruleStateTopic())).toList());
            if (taken.isEmpty()) {
                return;
            }
            try {
                rules.expect(taken).toCompletionStage().toCompletableFuture().get(HANDOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Restored restored = restore(taken);
                List<TwinChange> unevaluated = unevaluated(restored.evaluatedThrough);
                rules.adopt(taken, restored.states, restored.alerts, restored.evaluatedThrough, unevaluated)
                        .toCompletionStage().toCompletableFuture().get(HANDOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Set<Integer> next = new HashSet<>(owned);
                next.addAll(taken);
                owned = Set.copyOf(next);
                LOG.info("node {} runs the rules of partitions {} ({} things, {} alerts taken over)", config.nodeId(),
                        new TreeSet<>(owned), restored.states.size(), restored.alerts.size());
            } catch (Exception e) {
                // not owned, so nothing is decided from a half-read memory; the next rebalance tries again
                keepOthers(rules.release(taken), taken);
                LOG.error("taking on the rules of partitions {} failed", taken, e);
            }
        }

        private Set<Integer> numbers(Collection<TopicPartition> parts) {
            return parts.stream().filter(p -> p.topic().equals(config.ruleStateTopic()))
                    .map(TopicPartition::partition).collect(Collectors.toSet());
        }
    }

    /**
     * Of what a release answers, keeps the memory of the things still owned here (it was taken from
     * the engine with the rest and would otherwise wait for their next change); the given up ones are
     * not this node's to write any more.
     */
    private void keepOthers(Future<RulesVerticle.Handover> released, Set<Integer> gone) {
        released.onSuccess(handover -> {
            Map<String, String> kept = new HashMap<>();
            handover.states().forEach((id, state) -> {
                if (!gone.contains(partitions.of(ThingId.parseDitto(id)))) {
                    kept.put(id, state);
                }
            });
            saveStates(kept, Map.of());
        });
    }

    private static Set<Integer> without(Set<Integer> from, Set<Integer> gone) {
        return from.stream().filter(p -> !gone.contains(p)).collect(Collectors.toUnmodifiableSet());
    }

    private record Restored(Map<String, String> states, List<Alert> alerts, Map<Integer, Long> evaluatedThrough) {
    }

    /** Reads the rule state and the alerts of {@code taken} from the start to their present end. */
    private Restored restore(Set<Integer> taken) {
        Map<String, String> states = new HashMap<>();
        Map<String, Alert> alerts = new HashMap<>();
        Map<Integer, Long> evaluatedThrough = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = KafkaClients.reader(config, "rule-restore")) {
            List<TopicPartition> parts = new ArrayList<>();
            taken.forEach(p -> {
                parts.add(new TopicPartition(config.ruleStateTopic(), p));
                parts.add(new TopicPartition(config.alertsTopic(), p));
            });
            TopicLog.readToEnd(reader, parts, HANDOVER_TIMEOUT, record -> {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                boolean state = record.topic().equals(config.ruleStateTopic());
                if (state && key.equals(EVALUATED_THROUGH_KEY)) {
                    TopicLog.offsetIn(record).ifPresent(offset -> evaluatedThrough.put(record.partition(), offset));
                } else if (record.value() == null) {
                    (state ? states : alerts).remove(key);
                } else if (state) {
                    states.put(key, new String(record.value(), StandardCharsets.UTF_8));
                } else {
                    alerts.put(key, AlertJson.fromJson(new JsonObject(new String(record.value(), StandardCharsets.UTF_8))));
                }
            });
        }
        return new Restored(states, List.copyOf(alerts.values()), evaluatedThrough);
    }

    /**
     * The readings of the telemetry topic after where the previous owners' rules stood, to the end as
     * of now: those that came while nobody owned the partitions (a dead owner's session timing out, a
     * hand-over). At most {@link #MAX_CATCH_UP} a partition, the latest; more is logged.
     */
    private List<TwinChange> unevaluated(Map<Integer, Long> evaluatedThrough) {
        if (evaluatedThrough.isEmpty()) {
            return List.of();
        }
        List<TwinChange> changes = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = KafkaClients.reader(config, "rule-catch-up")) {
            Map<TopicPartition, Long> from = new HashMap<>();
            Map<TopicPartition, Long> ends = reader.endOffsets(evaluatedThrough.keySet().stream()
                    .map(p -> new TopicPartition(config.telemetryTopic(), p)).toList(), HANDOVER_TIMEOUT);
            evaluatedThrough.forEach((p, through) -> {
                TopicPartition part = new TopicPartition(config.telemetryTopic(), p);
                long start = through + 1;
                long end = ends.getOrDefault(part, start);
                if (end - start > MAX_CATCH_UP) {
                    LOG.warn("{} readings of partition {} came after its rules last stood; evaluating the latest {} only",
                            end - start, p, MAX_CATCH_UP);
                    start = end - MAX_CATCH_UP;
                }
                if (start < end) {
                    from.put(part, start);
                }
            });
            if (from.isEmpty()) {
                return List.of();
            }
            TopicLog.readFrom(reader, from, HANDOVER_TIMEOUT, record -> {
                try {
                    Telemetry t = TelemetryRecords.read(record.value(), record.offset());
                    changes.add(new TwinChange(t.device(), 0, t.timestamp(), t.features(), t.context()));
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping an unreadable telemetry record at {}-{}@{}: {}", record.topic(), record.partition(),
                            record.offset(), e.getMessage());
                }
            });
        }
        return changes;
    }

    /** Leaves the group (its partitions move to the other nodes, with this node's last memory written). */
    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
