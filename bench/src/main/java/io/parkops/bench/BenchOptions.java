package io.parkops.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Options of {@code ./parkops bench}: {@code --quick} (about 5 minutes), {@code --duration S}
 * seconds per load step, {@code --connections N} idle MQTT connections, {@code --devices N} bench
 * devices, {@code --out FILE} for the report, {@code --no-node-red}, {@code --no-jmh};
 * {@code --cluster} runs the cluster bench instead ({@link ClusterBench}).
 */
record BenchOptions(boolean quick, int stepSeconds, int connections, int devices, Path out, boolean nodeRed, boolean jmh,
                    String note, String mqttEndpoint, List<String> commandLine, boolean cluster) {

    BenchOptions {
        if (stepSeconds < 3 || connections < 0 || devices < 1) {
            throw new IllegalArgumentException("--duration must be ≥ 3 s, --connections ≥ 0, --devices ≥ 1");
        }
        if (!mqttEndpoint.isEmpty() && !mqttEndpoint.equals("hivemq") && !mqttEndpoint.equals("vertx")) {
            throw new IllegalArgumentException("--mqtt-endpoint must be hivemq or vertx, was " + mqttEndpoint);
        }
    }

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Integer duration = null;
        Integer connections = null;
        int devices = 2000;
        Path out = Path.of("docs/benchmarks.md");
        boolean nodeRed = true;
        boolean jmh = true;
        String note = "";
        String mqttEndpoint = "";
        boolean cluster = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--duration" -> duration = parseSeconds(value(args, ++i, "--duration"));
                case "--connections" -> connections = Integer.parseInt(value(args, ++i, "--connections"));
                case "--devices" -> devices = Integer.parseInt(value(args, ++i, "--devices"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--no-node-red" -> nodeRed = false;
                case "--no-jmh" -> jmh = false;
                case "--note" -> note = value(args, ++i, "--note");
                case "--mqtt-endpoint" -> mqttEndpoint = value(args, ++i, "--mqtt-endpoint");
                case "--cluster" -> cluster = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (see --help)");
            }
        }
        return new BenchOptions(quick, duration != null ? duration : quick ? 6 : 15,
                connections != null ? connections : quick ? 2000 : 5000, devices, out, nodeRed, jmh, note, mqttEndpoint,
                List.of(args), cluster);
    }

    /** Offered rates of the saturation search. */
    List<Integer> steps() {
        return quick ? List.of(500, 1000, 2000, 4000, 8000, 16000) : List.of(500, 1000, 2000, 3000, 4000, 5000, 6000, 8000, 12000, 16000, 20000, 24000, 32000);
    }

    /** Offered rates of the cluster bench's saturation search (each set-up: one node with and without Kafka, two nodes). */
    List<Integer> clusterSteps() {
        return quick ? List.of(1000, 2000, 4000, 8000, 12000) : List.of(1000, 2000, 3000, 4000, 6000, 8000, 12000, 16000);
    }

    /** Offered rates of the gateway step (one connection). */
    List<Integer> gatewaySteps() {
        return quick ? List.of(500, 1000, 2000, 3000) : List.of(250, 500, 1000, 2000, 3000, 4000, 6000);
    }

    /** Settings of the platform under test beyond the bench's own ({@code --mqtt-endpoint}). */
    java.util.Map<String, String> platformEnv() {
        return mqttEndpoint.isEmpty() ? java.util.Map.of() : java.util.Map.of("PARKOPS_MQTT_ENDPOINT", mqttEndpoint);
    }

    /** The options as given, for a report: the --note text is left out (a report shows it apart). */
    String shownCommandLine() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < commandLine.size(); i++) {
            if (commandLine.get(i).equals("--note")) {
                b.append(" --note …");
                i++;
            } else {
                b.append(' ').append(commandLine.get(i));
            }
        }
        return b.toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** "20", "20s" or "1m". */
    static int parseSeconds(String s) {
        if (s.endsWith("m")) {
            return Integer.parseInt(s.substring(0, s.length() - 1)) * 60;
        }
        return Integer.parseInt(s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
    }

    static String usage() {
        return """
                usage: parkops bench [--quick] [--duration SECONDS] [--connections N] [--devices N]
                                     [--out FILE] [--no-node-red] [--no-jmh] [--note TEXT]
                                     [--mqtt-endpoint hivemq|vertx]
                       parkops bench --cluster [--quick] [--duration SECONDS] [--devices N] [--out FILE] [--note TEXT]
                                     [--mqtt-endpoint hivemq|vertx]
                  --cluster          the cluster bench instead (issue 15) on one Apache Kafka broker: one node without and
                                     with Kafka (cost per message), one node against two, kill -9 of a node under load
                                     (failover time, acknowledged-but-lost, which must be 0); writes only the report's
                                     "Cluster on Apache Kafka" section, in place; about 5 minutes with --quick; without it
                                     15 s steps and a 60 s failover (not timed yet, estimated 15 minutes)
                  --quick            short steps (6 s), 4 load steps, 2,000 idle connections: about 5 minutes
                  --duration S       seconds per load step (default 15; 20s and 1m work too)
                  --connections N    idle MQTT connections held for the heap-per-device figure (default 5000)
                  --devices N        bench devices the load is spread over (default 2000)
                  --out FILE         report file (default docs/benchmarks.md)
                  --no-node-red      skip the Node-RED side-by-side run (no npm install)
                  --no-jmh           skip the JMH micro-benchmarks
                  --note TEXT        a line for the report about the conditions (e.g. other load on the machine)
                  --mqtt-endpoint E  the platform's device MQTT endpoint: hivemq (embedded HiveMQ CE, the default) or
                                     vertx (Vert.x MQTT server); PARKOPS_MQTT_ENDPOINT of the platform under test
                """;
    }
}
