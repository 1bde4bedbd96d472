package io.parkops.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far this node's consumers are behind the telemetry topic, per partition, sampled every
 * second off the hot path with an admin client of its own:
 *
 * <ul>
 *   <li>the node feed (every partition): the topic's end offset minus the feed's position;</li>
 *   <li>the InfluxDB writer group, for the partitions the group gave this node: the end offset
 *       minus the group's committed offset, which moves only once InfluxDB has the points; so this
 *       lag grows while InfluxDB is away and drains after.</li>
 * </ul>
 *
 * <p>Meters: {@code parkops_kafka_consumer_lag{consumer="node-feed"|"influx-writer",partition}}
 * (records) and {@code parkops_kafka_partitions_held} (the writer group's partitions on this
 * node). Summed over the nodes, the writer's lag is the group's.
 */
public final class PartitionLag implements AutoCloseable {

    /** One sample: lag by partition for the feed and for this node's writer partitions. */
    public record Sample(Map<Integer, Long> feed, Map<Integer, Long> influxWriter, long takenAtMillis, String error) {

        static final Sample NONE = new Sample(Map.of(), Map.of(), 0, "not sampled yet");

        public long feedTotal() {
            return feed.values().stream().mapToLong(Long::longValue).sum();
        }

        public long influxWriterTotal() {
            return influxWriter.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLag.class);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterConfig config;
    private final NodeFeed feed;
    private final InfluxFromKafka writer;
    private final Admin admin;
    private final MeterRegistry registry;
    private final MultiGauge feedLag;
    private final MultiGauge writerLag;
    private final Gauge held;
    private final ScheduledExecutorService sampler;
    private volatile Sample last = Sample.NONE;
    private final long started = System.currentTimeMillis();
    private volatile long lastGood;

    PartitionLag(ClusterConfig config, NodeFeed feed, InfluxFromKafka writer, MeterRegistry registry) {
        this.config = config;
        this.feed = feed;
        this.writer = writer;
        this.registry = registry;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                AdminClientConfig.CLIENT_ID_CONFIG, "parkops-" + config.nodeId() + "-lag",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis()));
        this.feedLag = MultiGauge.builder("parkops.kafka.consumer.lag").tag("consumer", "node-feed")
                .description("Records of the telemetry topic a consumer of this node has not handled, per partition").register(registry);
        this.writerLag = MultiGauge.builder("parkops.kafka.consumer.lag").tag("consumer", "influx-writer")
                .description("Records of the telemetry topic a consumer of this node has not handled, per partition").register(registry);
        this.held = Gauge.builder("parkops.kafka.partitions.held", writer, w -> w.held().size())
                .description("Telemetry partitions the InfluxDB writer group gave this node").register(registry);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parkops-kafka-lag");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sampleQuietly, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last sample (its {@code error} says why it is old when Kafka does not answer). */
    public Sample last() {
        return last;
    }

    /** Milliseconds since the last sample that Kafka answered (before the first: since this started). */
    public long ageMillis() {
        return System.currentTimeMillis() - (lastGood == 0 ? started : lastGood);
    }

    private void sampleQuietly() {
        try {
            Sample s = sample();
            last = s;
            lastGood = s.takenAtMillis();
            publish(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Sample previous = last;
            last = new Sample(previous.feed(), previous.influxWriter(), previous.takenAtMillis(),
                    "Kafka did not tell the offsets: " + (e instanceof ExecutionException ? e.getCause() : e));
            LOG.debug("lag sample failed: {}", e.toString());
        }
    }

    private Sample sample() throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> partitions = feed.partitions();
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<Integer, Long> feedLag = new TreeMap<>();
        for (TopicPartition p : partitions) {
            long position = feed.position(p.partition());
            Long end = ends.get(p);
            if (position >= 0 && end != null) {
                feedLag.put(p.partition(), Math.max(0, end - position));
            }
        }
        Set<Integer> mine = writer.held();
        Map<Integer, Long> writerLag = new TreeMap<>();
        if (!mine.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.influxWriterGroup())
                    .partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> neverCommitted = new ArrayList<>();
            for (int partition : mine) {
                TopicPartition p = new TopicPartition(config.telemetryTopic(), partition);
                OffsetAndMetadata offset = committed.get(p);
                if (offset == null) {
                    neverCommitted.add(p);
                } else if (ends.containsKey(p)) {
                    writerLag.put(partition, Math.max(0, ends.get(p) - offset.offset()));
                }
            }
            // a group new to a partition reads it from its first record (auto.offset.reset=earliest)
            offsets(neverCommitted, OffsetSpec.earliest()).forEach((p, first) -> {
                if (ends.containsKey(p)) {
                    writerLag.put(p.partition(), Math.max(0, ends.get(p) - first));
                }
            });
        }
        return new Sample(feedLag, writerLag, System.currentTimeMillis(), null);
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer = admin.listOffsets(request).all()
                .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private void publish(Sample s) {
        feedLag.register(rows(s.feed()), true);
        writerLag.register(rows(s.influxWriter()), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<Integer, Long> lag) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>(lag.size());
        lag.forEach((partition, records) -> rows.add(MultiGauge.Row.of(Tags.of("partition", String.valueOf(partition)), records)));
        return rows;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
        feedLag.register(List.of(), true);
        writerLag.register(List.of(), true);
        registry.remove(held);
    }
}
