package io.parkops.bench.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load-generator run does; parsed from {@code --key value} pairs.
 *
 * @param ports    MQTT: the connections are spread over these ports of {@code host} (one node each), and a
 *                 connection that is lost reconnects to the next of them (a device failing over to
 *                 another node); the first is {@code port}
 * @param ackedLog MQTT: a file to write every acknowledged message to ({@code deviceId deviceTimestamp}
 *                 per line) at the end, or empty for none
 */
public record LoadArgs(String protocol, String host, int port, int rate, int seconds, int devices, String tenant,
                       String devicePrefix, int connections, int inflight, int alertEvery, List<Integer> ports,
                       String ackedLog) {

    public LoadArgs(String protocol, String host, int port, int rate, int seconds, int devices, String tenant,
                    String devicePrefix, int connections, int inflight, int alertEvery) {
        this(protocol, host, port, rate, seconds, devices, tenant, devicePrefix, connections, inflight, alertEvery, List.of(port), "");
    }

    public LoadArgs {
        ports = ports.isEmpty() ? List.of(port) : List.copyOf(ports);
        if (ports.get(0) != port) {
            throw new IllegalArgumentException("--ports must start with --port " + port + ", was " + ports);
        }
        if (!protocol.equals("mqtt") && !protocol.equals("coap") && !protocol.equals("coaps")) {
            throw new IllegalArgumentException("--protocol must be mqtt, coap or coaps, was " + protocol);
        }
        if (rate <= 0 || seconds <= 0 || devices <= 0 || connections <= 0 || inflight <= 0) {
            throw new IllegalArgumentException("--rate, --seconds, --devices, --connections and --inflight must be positive");
        }
    }

    public static LoadArgs parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return new LoadArgs(m.getOrDefault("protocol", "mqtt"), m.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(m.getOrDefault("port", "1883")), Integer.parseInt(m.getOrDefault("rate", "1000")),
                Integer.parseInt(m.getOrDefault("seconds", "10")), Integer.parseInt(m.getOrDefault("devices", "1000")),
                m.getOrDefault("tenant", "bench"), m.getOrDefault("device-prefix", "d"),
                Integer.parseInt(m.getOrDefault("connections", "4")), Integer.parseInt(m.getOrDefault("inflight", "2000")),
                Integer.parseInt(m.getOrDefault("alert-every", "0")),
                m.containsKey("ports") ? Arrays.stream(m.get("ports").split(",")).map(Integer::valueOf).toList() : List.of(),
                m.getOrDefault("acked-log", ""));
    }

    public String[] toArgs() {
        List<String> a = new java.util.ArrayList<>(List.of("--protocol", protocol, "--host", host, "--port", String.valueOf(port),
                "--rate", String.valueOf(rate), "--seconds", String.valueOf(seconds), "--devices", String.valueOf(devices),
                "--tenant", tenant, "--device-prefix", devicePrefix, "--connections", String.valueOf(connections),
                "--inflight", String.valueOf(inflight), "--alert-every", String.valueOf(alertEvery)));
        if (ports.size() > 1) {
            a.addAll(List.of("--ports", String.join(",", ports.stream().map(String::valueOf).toList())));
        }
        if (!ackedLog.isEmpty()) {
            a.addAll(List.of("--acked-log", ackedLog));
        }
        return a.toArray(String[]::new);
    }

    public String deviceId(int device) {
        return devicePrefix + device;
    }
}
