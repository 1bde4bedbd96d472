package io.parkops.bench.load;

import java.util.HashMap;
import java.util.Map;

/** What one load-generator run does; parsed from {@code --key value} pairs. */
public record LoadArgs(String protocol, String host, int port, int rate, int seconds, int devices, String tenant,
                       String devicePrefix, int connections, int inflight, int alertEvery) {

    public LoadArgs {
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
                Integer.parseInt(m.getOrDefault("alert-every", "0")));
    }

    public String[] toArgs() {
        return new String[] {"--protocol", protocol, "--host", host, "--port", String.valueOf(port), "--rate", String.valueOf(rate),
            "--seconds", String.valueOf(seconds), "--devices", String.valueOf(devices), "--tenant", tenant,
            "--device-prefix", devicePrefix, "--connections", String.valueOf(connections), "--inflight",
            String.valueOf(inflight), "--alert-every", String.valueOf(alertEvery)};
    }

    public String deviceId(int device) {
        return devicePrefix + device;
    }
}
