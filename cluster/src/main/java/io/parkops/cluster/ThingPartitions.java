package io.parkops.cluster;

import io.parkops.model.ThingId;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition a thing's records go to: the one Kafka's producer picks for a record keyed by
 * the thing id (murmur2 of the key's bytes), so a thing's telemetry, rule state, alerts and alert
 * commands share partition n of their topics when the topics have the same number of partitions.
 */
public final class ThingPartitions {

    private final int partitions;
    private final ConcurrentHashMap<ThingId, Integer> known = new ConcurrentHashMap<>();

    public ThingPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        this.partitions = partitions;
    }

    public int of(ThingId thing) {
        return known.computeIfAbsent(thing, id -> of(key(id), partitions));
    }

    public int count() {
        return partitions;
    }

    /** The record key of a thing: its Ditto id, as the edges key telemetry. */
    public static byte[] key(ThingId thing) {
        return thing.dittoId().getBytes(StandardCharsets.UTF_8);
    }

    /** The partition of a key as Kafka's default partitioner chooses it. */
    static int of(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }
}
