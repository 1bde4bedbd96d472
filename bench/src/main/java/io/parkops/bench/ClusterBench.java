package io.parkops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./parkops bench --cluster}: the cost of Kafka per message (one node without and with
 * Kafka, the same step load), one node against two on the same Kafka, and a failover under load
 * ({@link Failover}). InfluxDB, Mosquitto (unused here) and one Kafka broker are started once; each
 * set-up gets fresh platform processes, its own topic prefix and its own InfluxDB database.
 */
final class ClusterBench {

    /** The fixed moderate rate of the latency step and the failover (msg/s). */
    static final int MODERATE_RATE = 1_000;
    static final int PARTITIONS = 12;
    private static final int WARM_UP_RATE = 1_000;
    private static final Pattern KAFKA_JAR = Pattern.compile("kafka_2\\.13-([0-9][0-9.]*)\\.jar");

    private final BenchOptions options;
    private final Path root;
    private final Path dir;
    private final Path log;
    private final Path benchJar;
    private final ClusterResults results = new ClusterResults();

    ClusterBench(BenchOptions options, Path root, Path dir) {
        this.options = options;
        this.root = root;
        this.dir = dir;
        this.log = dir.resolve("bench.log");
        this.benchJar = root.resolve("bench/target/parkops-bench.jar");
    }

    ClusterResults run() throws Exception {
        long t0 = System.nanoTime();
        Machine.describe(results.machine);
        results.partitions = PARTITIONS;
        try (Services services = new Services(root, dir);
             KafkaBroker kafka = new KafkaBroker(root, dir.resolve("kafka"), dir.resolve("services.log"))) {
            services.start();
            System.out.println("bench: starting Apache Kafka (infra/local/kafka.sh, one KRaft broker)");
            String bootstrap = kafka.start();
            results.kafkaVersion = kafkaVersion();
            System.out.println("bench: Kafka " + results.kafkaVersion + " at " + bootstrap);
            Influx influx = new Influx(services.influxUrl());
            Map<String, Long> shared = new LinkedHashMap<>();
            shared.put("Kafka", kafka.pid());
            shared.put("InfluxDB", services.influxPid());
            part("one node without Kafka", () -> results.single = single(services, influx, shared));
            part("one node with Kafka", () -> results.oneNode = oneNode(services, influx, shared, bootstrap));
            part("two nodes on Kafka, failover", () -> twoNodes(services, influx, shared, bootstrap));
        }
        results.wallSeconds = (System.nanoTime() - t0) / 1e9;
        return results;
    }

    private void part(String name, BenchRun.Section body) {
        BenchRun.section(name, results.notes, body);
    }

    private ClusterResults.Setup single(Services services, Influx influx, Map<String, Long> shared) throws Exception {
        try (PlatformProcess node = node("single", services, "cluster_single", Map.of())) {
            node.start(options.devices());
            Map<String, Long> influxOnly = new LinkedHashMap<>(shared);
            influxOnly.remove("Kafka"); // running but idle: not part of this set-up's cost
            return measure(new ClusterResults.Setup("one node, no Kafka", List.of("ParkOps")), influx, influxOnly, "cluster_single",
                    Map.of("ParkOps", node));
        }
    }

    private ClusterResults.Setup oneNode(Services services, Influx influx, Map<String, Long> shared, String bootstrap) throws Exception {
        try (PlatformProcess node = node("one", services, "cluster_one", clusterEnv(bootstrap, "bench-one.", "node-1"))) {
            node.start(options.devices());
            awaitPartitions(List.of(node));
            return measure(new ClusterResults.Setup("one node with Kafka", List.of("ParkOps")), influx, shared, "cluster_one",
                    Map.of("ParkOps", node));
        }
    }

    private void twoNodes(Services services, Influx influx, Map<String, Long> shared, String bootstrap) throws Exception {
        try (PlatformProcess a = node("two-a", services, "cluster_two", clusterEnv(bootstrap, "bench-two.", "node-a"));
             PlatformProcess b = node("two-b", services, "cluster_two", clusterEnv(bootstrap, "bench-two.", "node-b"))) {
            a.start(options.devices());
            b.start(options.devices());
            awaitPartitions(List.of(a, b));
            Map<String, PlatformProcess> nodes = new LinkedHashMap<>();
            nodes.put("node A", a);
            nodes.put("node B", b);
            results.twoNodes = measure(new ClusterResults.Setup("two nodes with Kafka", List.of("node A", "node B")), influx, shared,
                    "cluster_two", nodes);
            awaitPartitions(List.of(a, b));
            Failover failover = new Failover(benchJar, log, influx, "cluster_two", PARTITIONS);
            int seconds = options.quick() ? 30 : 60;
            results.failover = failover.run(b, a, options.devices(), MODERATE_RATE, seconds, options.quick() ? 10 : 20,
                    dir.resolve("failover-acknowledged.txt"));
        }
    }

    /**
     * The step load to saturation (after a warm-up) and one step at {@link #MODERATE_RATE} for the
     * acknowledgement latency, MQTT QoS 1 with one connection per device, spread over every node's port
     * (in the order of {@code nodes}; the first node's SSE stream counts the twin changes).
     */
    private ClusterResults.Setup measure(ClusterResults.Setup setup, Influx influx, Map<String, Long> shared, String db,
                                         Map<String, PlatformProcess> nodes) throws Exception {
        List<PlatformProcess> ports = List.copyOf(nodes.values());
        PlatformProcess first = ports.get(0);
        first.putAlertRule();
        Map<String, Long> pids = new LinkedHashMap<>();
        nodes.forEach((name, p) -> pids.put(name, p.pid()));
        pids.putAll(shared);
        try (StreamWatcher watcher = new StreamWatcher()) {
            watcher.start(first); // every node keeps every twin: one stream sees all of them
            StepRunner steps = new StepRunner(benchJar, log, influx, pids, options.devices());
            StepRunner.Target target = new StepRunner.Target(setup.name, "127.0.0.1", first.mqttPort(), db, watcher, null,
                    StepRunner.Layout.PER_DEVICE, ports.stream().map(PlatformProcess::mqttPort).toList());
            setup.steps.addAll(steps.saturate(target, "mqtt", options.clusterSteps(), options.stepSeconds(), WARM_UP_RATE,
                    options.quick() ? 15 : 20));
            System.out.printf("bench: %s at the moderate rate (%d msg/s) for the acknowledgement latency%n", setup.name, MODERATE_RATE);
            setup.moderate = steps.run(target, "mqtt", MODERATE_RATE, options.stepSeconds());
        }
        return setup;
    }

    private PlatformProcess node(String name, Services services, String db, Map<String, String> cluster) {
        Map<String, String> env = new HashMap<>(options.platformEnv());
        env.put("PARKOPS_INFLUX_DB", db);
        env.putAll(cluster);
        return new PlatformProcess(root.resolve("platform/target/parkops.jar"), dir.resolve("platform-" + name), services.influxUrl(), env);
    }

    private static Map<String, String> clusterEnv(String bootstrap, String prefix, String nodeId) {
        return Map.of("PARKOPS_KAFKA_BOOTSTRAP", bootstrap, "PARKOPS_KAFKA_TOPIC_PREFIX", prefix, "PARKOPS_NODE_ID", nodeId,
                "PARKOPS_KAFKA_PARTITIONS", String.valueOf(PARTITIONS));
    }

    /** Waits (at most 60 s) until the nodes together run the rules of and hold every partition, each node some. */
    private static void awaitPartitions(List<PlatformProcess> nodes) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<NodeHealth> health = nodes.stream().map(NodeHealth::of).toList();
            int rules = health.stream().mapToInt(h -> h.rulePartitions().size()).sum();
            int writers = health.stream().mapToInt(h -> h.writerPartitions().size()).sum();
            boolean everyNode = health.stream().allMatch(h -> !h.rulePartitions().isEmpty() && !h.writerPartitions().isEmpty());
            if (rules == PARTITIONS && writers == PARTITIONS && everyNode) {
                System.out.println("bench: partitions (rules, writer) per node: " + health.stream()
                        .map(h -> h.rulePartitions().size() + "/" + h.writerPartitions().size()).toList());
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException("the nodes did not share all " + PARTITIONS + " partitions within 60 s (see their platform.log)");
    }

    private String kafkaVersion() {
        try {
            Matcher m = KAFKA_JAR.matcher(Files.readString(root.resolve("infra/local/kafka/target/classpath.txt")));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
