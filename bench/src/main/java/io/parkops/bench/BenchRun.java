package io.parkops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code ./parkops bench}: starts InfluxDB, Mosquitto and the platform, runs every section
 * (ParkOps over MQTT and CoAP to saturation, latency at fractions of it, connections and heap,
 * Node-RED, the raw ceilings, JMH) and returns what was measured. A section that fails leaves a
 * note in the report instead of ending the run.
 */
final class BenchRun {

    private static final int WARM_UP_RATE = 1_000;
    private static final int WARM_UP_SECONDS = 20;
    /** Devices behind the bench's gateway: at 3,000 msg/s each sends 3 a second, inside the platform's 10/s rate limit. */
    static final int GATEWAY_DEVICES = 1000;
    static final int GATEWAY_INFLIGHT = 100;


    private final BenchOptions options;
    private final Path root;
    private final Path dir;
    private final Path log;
    private final BenchResults results = new BenchResults();

    BenchRun(BenchOptions options, Path root, Path dir) {
        this.options = options;
        this.root = root;
        this.dir = dir;
        this.log = dir.resolve("bench.log");
    }

    BenchResults run() throws Exception {
        long t0 = System.nanoTime();
        Machine.describe(results.machine);
        Path benchJar = root.resolve("bench/target/parkops-bench.jar");
        try (Services services = new Services(root, dir)) {
            services.start();
            Influx influx = new Influx(services.influxUrl());
            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put("InfluxDB", services.influxPid());
            pids.put("Mosquitto", services.mosquittoPid());
            try (PlatformProcess platform = new PlatformProcess(root.resolve("platform/target/parkops.jar"), dir.resolve("platform"),
                    services.influxUrl(), options.platformEnv())) {
                results.startupMs = platform.start(options.devices());
                results.startupClassSharing = platform.classSharing();
                System.out.println("bench: platform ready in " + results.startupMs + " ms");
                pids.put("ParkOps", platform.pid());
                section("idle heap", () -> results.idleHeapKb = platform.heapAfterGcKb(log));
                // on the fresh platform: after the load steps the heap after GC moves by more than
                // thousands of idle connections take
                section("connections", () -> connections(platform));
                section("ParkOps", () -> parkOps(platform, influx, benchJar, pids));
                section("heap after the load", () -> results.heapAfterLoadKb = platform.heapAfterGcKb(log));
            }
            pids.remove("ParkOps");
            section("ParkOps on Mosquitto", () -> parkOpsOnMosquitto(services, influx, benchJar, pids));
            if (options.nodeRed()) {
                section("Node-RED", () -> nodeRed(services, influx, benchJar, pids));
            }
            section("broker ceilings", () -> brokerCeilings(services, influx, benchJar, pids));
            section("InfluxDB ceiling", () -> results.influxPointsPerSecond = InfluxCeiling.measure(influx, options.quick() ? 5 : 15));
        }
        if (options.jmh()) {
            section("JMH", () -> results.jmh = Jmh.run(root, log, options.quick()));
        }
        results.wallSeconds = (System.nanoTime() - t0) / 1e9;
        return results;
    }

    interface Section {
        void run() throws Exception;
    }

    private void section(String name, Section body) {
        section(name, results.notes, body);
    }

    /** Runs one part of a bench; when it fails, says so and notes it for the report instead of ending the run. */
    static void section(String name, List<String> notes, Section body) {
        try {
            body.run();
        } catch (Exception e) {
            String note = name + " failed: " + e;
            System.err.println("bench: " + note);
            notes.add(note);
        }
    }

    private void parkOps(PlatformProcess platform, Influx influx, Path benchJar, Map<String, Long> pids) throws Exception {
        platform.putAlertRule();
        try (StreamWatcher watcher = new StreamWatcher()) {
            watcher.start(platform);
            StepRunner steps = new StepRunner(benchJar, log, influx, pids, options.devices());
            StepRunner.Target mqtt = new StepRunner.Target("ParkOps", "127.0.0.1", platform.mqttPort(), "parkops", watcher, null,
                    StepRunner.Layout.PER_DEVICE);
            StepRunner.Target coap = new StepRunner.Target("ParkOps", "127.0.0.1", platform.coapPort(), "parkops", watcher, null);
            saturate(steps, mqtt, "mqtt", results.mqtt);
            // one connection for many devices, many messages in flight, each PUBACK once stored
            StepRunner.Target gateway = new StepRunner.Target("ParkOps", "127.0.0.1", platform.mqttPort(), "parkops", watcher, null,
                    StepRunner.Layout.gateway(GATEWAY_DEVICES, GATEWAY_INFLIGHT));
            saturate(steps, gateway, "mqtt", options.gatewaySteps(), results.gateway);
            saturate(steps, coap, "coap", results.coap);
            // one DTLS session per device, signed in before each step's window (bench/README.md, CoAPS)
            StepRunner.Target coaps = new StepRunner.Target("ParkOps", "127.0.0.1", platform.coapsPort(), "parkops", watcher, null);
            saturate(steps, coaps, "coaps", results.coaps);
            // Saturation is the sustained rate; when not even the first step kept up, the best rate
            // that was stored (said so in the report) so that latency is still measured.
            double saturation = BenchResults.sustained(results.mqtt);
            if (saturation == 0) {
                saturation = BenchResults.stored(results.mqtt);
                results.latencyBase = "highest stored rate (no MQTT step kept up)";
            }
            for (int pct : List.of(25, 50, 90)) {
                int rate = Math.max(10, (int) (saturation * pct / 100));
                results.latency.put(pct + "% (" + rate + " msg/s, MQTT)", steps.run(mqtt, "mqtt", rate, options.stepSeconds()));
            }
        }
    }

    /**
     * The same MQTT steps with the platform consuming from the run's Mosquitto
     * ({@code PARKOPS_MQTT_URL}) instead of its embedded broker: tells the broker's share from the
     * platform's. Session expiry 0, so Mosquitto queues nothing for it once it is stopped.
     */
    private void parkOpsOnMosquitto(Services services, Influx influx, Path benchJar, Map<String, Long> pids) throws Exception {
        Map<String, String> env = Map.of("PARKOPS_MQTT_URL", "tcp://127.0.0.1:" + services.mqttPort(),
                "PARKOPS_MQTT_SESSION_EXPIRY", "0", "PARKOPS_INFLUX_DB", "parkops_mosquitto");
        try (PlatformProcess platform = new PlatformProcess(root.resolve("platform/target/parkops.jar"),
                dir.resolve("platform-mosquitto"), services.influxUrl(), env);
             StreamWatcher watcher = new StreamWatcher()) {
            platform.start(options.devices());
            platform.putAlertRule();
            watcher.start(platform);
            Map<String, Long> withPlatform = new LinkedHashMap<>(pids);
            withPlatform.put("ParkOps", platform.pid());
            StepRunner steps = new StepRunner(benchJar, log, influx, withPlatform, options.devices());
            saturate(steps, new StepRunner.Target("ParkOps", services.mqttHost(), services.mqttPort(), "parkops_mosquitto",
                    watcher, null), "mqtt", results.mqttViaMosquitto);
        }
    }

    /** Steps up the offered rate until a step does not keep up, after a warm-up step ({@link StepRunner#saturate}). */
    private void saturate(StepRunner steps, StepRunner.Target target, String protocol, List<StepResult> out) throws Exception {
        saturate(steps, target, protocol, options.steps(), out);
    }

    private void saturate(StepRunner steps, StepRunner.Target target, String protocol, List<Integer> rates, List<StepResult> out)
            throws Exception {
        out.addAll(steps.saturate(target, protocol, rates, options.stepSeconds(), WARM_UP_RATE, WARM_UP_SECONDS));
    }

    private void connections(PlatformProcess platform) throws Exception {
        results.connectionsAsked = options.connections();
        if (options.connections() == 0) {
            return;
        }
        results.openFilesLimit = platform.maxOpenFiles();
        results.heapBeforeConnectionsKb = platform.heapAfterGcKb(log);
        try (ConnectionHolder holder = new ConnectionHolder()) {
            long t0 = System.nanoTime();
            // generous: on a busy 2-core box connects ran at ~100/s
            results.connected = holder.connect("127.0.0.1", platform.mqttPort(), options.connections(),
                    120 + options.connections() / 100);
            results.connectSeconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            results.heapWithConnectionsKb = platform.heapAfterGcKb(log);
            System.out.println("bench: " + results.connected + " idle MQTT connections, heap after GC "
                    + results.heapBeforeConnectionsKb + " KB -> " + results.heapWithConnectionsKb + " KB");
        }
    }

    private void nodeRed(Services services, Influx influx, Path benchJar, Map<String, Long> pids) throws Exception {
        Path installDir = Path.of(System.getProperty("java.io.tmpdir"), "parkops-bench-node-red");
        influx.createDatabase("nodered");
        try (NodeRed red = new NodeRed(installDir, dir)) {
            red.install(log);
            results.nodeRedVersion = red.version();
            red.start(services.mqttPort(), Integer.parseInt(services.influxUrl().replaceAll(".*:", "")), dir.resolve("node-red.log"));
            Map<String, Long> withRed = new LinkedHashMap<>(pids);
            withRed.put("Node-RED", red.pid());
            StepRunner steps = new StepRunner(benchJar, log, influx, withRed, options.devices());
            StepRunner.Target target = new StepRunner.Target("Node-RED", services.mqttHost(), services.mqttPort(), "nodered", null, null);
            steps.warmUp(target, "mqtt", WARM_UP_RATE, WARM_UP_SECONDS);
            List<StepResult> done = new java.util.ArrayList<>();
            for (int rate : options.steps()) {
                StepResult r = steps.run(target, "mqtt", rate, options.stepSeconds());
                done.add(r);
                if (r.lost() > 0 && r.lost() > r.load().accepted() / 10) {
                    break; // far past its limit: further steps only lose more
                }
            }
            results.nodeRed.addAll(steps.recount(done, target.influxDb()));
        }
    }

    private void brokerCeilings(Services services, Influx influx, Path benchJar, Map<String, Long> pids) throws Exception {
        StepRunner steps = new StepRunner(benchJar, log, influx, pids, options.devices());
        StepRunner.Target alone = new StepRunner.Target("Mosquitto", services.mqttHost(), services.mqttPort(), null, null, null);
        List<Integer> rates = options.quick() ? List.of(20000, 40000) : List.of(20000, 40000, 80000);
        for (int rate : rates) {
            results.brokerNoSubscriber.add(steps.run(alone, "mqtt", rate, options.stepSeconds()));
        }
        try (BrokerSubscriber sub = new BrokerSubscriber(services.mqttHost(), services.mqttPort())) {
            StepRunner.Target one = new StepRunner.Target("Mosquitto", services.mqttHost(), services.mqttPort(), null, null,
                    sub::received);
            for (int rate : options.quick() ? List.of(2000, 5000, 10000, 20000) : List.of(5000, 10000, 15000, 20000, 25000, 30000)) {
                StepResult r = steps.run(one, "mqtt", rate, options.stepSeconds());
                results.brokerOneSubscriber.add(r);
                if (r.lost() > 0) {
                    return;
                }
            }
        }
    }


    Path dir() {
        return dir;
    }

    static Path tempDir() throws java.io.IOException {
        return Files.createTempDirectory("parkops-bench.");
    }
}
