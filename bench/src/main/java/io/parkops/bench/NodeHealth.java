package io.parkops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cluster node's {@code /health} says about its share of Kafka: the partitions whose rules
 * it runs (the {@code kafka} check's reason, "node X runs the rules of partitions [..]"), the
 * InfluxDB writer group's partitions it holds and their lag as last sampled (records InfluxDB does
 * not have yet, per partition; keys are the partitions the sample covered).
 */
record NodeHealth(Set<Integer> rulePartitions, Set<Integer> writerPartitions, Set<Integer> lagSampled, long writerLag) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OWNED = Pattern.compile("runs the rules of partitions \\[([0-9, ]*)]");
    static final NodeHealth NONE = new NodeHealth(Set.of(), Set.of(), Set.of(), 0);

    static NodeHealth of(PlatformProcess node) {
        try {
            return parse(node.get("/health"));
        } catch (IOException e) {
            return NONE; // busy or restarting: asked again on the next poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }

    static NodeHealth parse(String health) throws IOException {
        for (JsonNode check : JSON.readTree(health).path("checks")) {
            if (!"kafka".equals(check.path("id").asText())) {
                continue;
            }
            Set<Integer> rules = new TreeSet<>();
            Matcher m = OWNED.matcher(check.path("reason").asText());
            if (m.find()) {
                for (String p : m.group(1).split(",\\s*")) {
                    if (!p.isBlank()) {
                        rules.add(Integer.parseInt(p.trim()));
                    }
                }
            }
            JsonNode details = check.path("details");
            Set<Integer> writer = new TreeSet<>();
            details.path("influxWriterPartitions").forEach(p -> writer.add(p.asInt()));
            Set<Integer> sampled = new TreeSet<>();
            long lag = 0;
            for (var it = details.path("influxWriterLag").fields(); it.hasNext(); ) {
                var e = it.next();
                sampled.add(Integer.parseInt(e.getKey()));
                lag += e.getValue().asLong();
            }
            return new NodeHealth(rules, writer, sampled, lag);
        }
        return NONE;
    }

    /** Runs the rules of, holds and has a lag sample for every one of {@code partitions} partitions. */
    boolean holdsAll(int partitions) {
        return rulePartitions.size() == partitions && writerPartitions.size() == partitions && lagSampled.size() == partitions;
    }
}
