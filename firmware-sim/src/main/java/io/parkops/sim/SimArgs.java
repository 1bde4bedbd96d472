package io.parkops.sim;

import io.parkops.sim.fault.FaultPlan;
import io.parkops.sim.fleet.LayoutFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The command line of {@code ./parkops sim}, parsed into {@link SimOptions}. Every mistake is an
 * {@link IllegalArgumentException} whose message names the option and shows a good value.
 *
 * @param duration how long to run; {@code null} means until Ctrl-C
 */
record SimArgs(SimOptions options, Duration duration, boolean help) {

    static final String USAGE = """
            Usage: parkops sim [options]
            Simulates the device firmware of a park reporting telemetry to a ParkOps platform.

            Platform
              --http URL            platform HTTP API for provisioning       (default http://127.0.0.1:8080)
              --token TOKEN         bearer token for the HTTP API            (default $PARKOPS_ADMIN_TOKEN,
                                    else the admin.token file in $PARKOPS_DATA_DIR or ./data)
              --mqtt HOST:PORT      MQTT broker                              (default 127.0.0.1:1883)
              --coap HOST:PORT      CoAP endpoint                            (default 127.0.0.1:5683)
              --coaps-port PORT     CoAPS (DTLS PSK) port on the CoAP host   (default 5684)
              --no-provision        do not POST the devices to /api/devices (they exist already)
            Fleet
              --layout FILE         park layout, YAML or JSON                (default: built-in nanan, xinshengli)
              --layout estate       the built-in estate: the lead parks plus 18 generated parks (20 sites,
                                    about 3,000 devices, each park's site put to /api/sites)
              --tenants A,B         sites of the layout to simulate          (default: every site of the layout)
              --devices N           devices overall, spread like the layout  (default: as the layout places them)
              --per-type N          devices of each type per site instead
              --protocol P          mqtt, coap, coaps, mixed (all three) or a list like mqtt,coap (default mixed)
            Load
              --interval SECONDS    reporting interval, +-10% jitter         (default 5, or the layout's per type)
              --rate MSGS_PER_S     messages per second of the whole fleet (sets every device's interval)
              --buffer N            reports a device keeps while offline     (default 100; oldest dropped)
              --source-addresses N  spread MQTT connections over 127.0.0.1..N (default: one per 20,000)
              --duration SECONDS    stop after this long                     (default: until Ctrl-C)
              --seed N              seed for reproducible signals and faults (default 1)
            Faults
              --faults LIST         stuck,dropout,skew,burst,duplicate,reorder,malformed; each may
                                    take its own fraction of devices, e.g. duplicate=0.5
              --fault-rate F        fraction of devices for faults without one (default 0.1)

              --help                this text
            """;

    static SimArgs parse(String[] args, Map<String, String> env) {
        SimOptions options = SimOptions.defaults().withPlatform(SimOptions.defaults().platformHttp(), defaultToken(env));
        Duration duration = null;
        String faults = null;
        double faultRate = FaultPlan.DEFAULT_RATE;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new SimArgs(options, duration, true);
            }
            if (arg.equals("--no-provision")) {
                options = options.withProvisioning(false);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : valueAfter(args, ++i, name);
            switch (name) {
                case "--duration" -> duration = seconds(name, value);
                case "--faults" -> faults = value;
                case "--fault-rate" -> faultRate = fraction(name, value);
                default -> options = apply(options, name, value);
            }
        }
        if (faults != null) {
            options = apply(options, "--faults", faults, faultRate);
        }
        return new SimArgs(options, duration, false);
    }

    private static SimOptions apply(SimOptions o, String name, String value, double faultRate) {
        try {
            return o.withFaults(FaultPlan.parse(value, faultRate));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static SimOptions apply(SimOptions o, String name, String value) {
        try {
            return switch (name) {
                case "--http" -> o.withPlatform(URI.create(value), o.bearerToken());
                case "--token" -> o.withPlatform(o.platformHttp(), value);
                case "--mqtt" -> o.withMqtt(host(name, value), port(name, value));
                case "--coap" -> o.withCoap(host(name, value), port(name, value));
                case "--coaps-port" -> o.withCoapsPort(integer(name, value));
                case "--layout" -> o.withLayout(LayoutFiles.named(value));
                case "--tenants" -> o.withTenants(Arrays.stream(value.split(",")).map(String::trim).toList());
                case "--devices" -> o.withTotalDevices(integer(name, value));
                case "--per-type" -> o.withDevicesPerType(integer(name, value));
                case "--interval" -> o.withInterval(seconds(name, value));
                case "--rate" -> o.withRate(positive(name, value));
                case "--buffer" -> o.withBufferPerDevice(integer(name, value));
                case "--source-addresses" -> o.withSourceAddresses(integer(name, value));
                case "--protocol" -> o.withProtocols(Protocol.parseList(value));
                case "--seed" -> o.withSeed(longValue(name, value));
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            };
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            boolean named = message.startsWith(name) || message.startsWith("unknown");
            throw new IllegalArgumentException(named ? message : name + ": " + message, e);
        }
    }

    /** The token the platform printed and saved when it generated one, so a local demo needs no flags. */
    private static String defaultToken(Map<String, String> env) {
        String token = env.get("PARKOPS_ADMIN_TOKEN");
        if (token != null && !token.isBlank()) {
            return token;
        }
        Path file = Path.of(env.getOrDefault("PARKOPS_DATA_DIR", "./data"), "admin.token");
        try {
            return Files.isReadable(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String valueAfter(String[] args, int i, String name) {
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("unexpected argument '" + name + "'");
        }
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static String host(String name, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(name + " '" + hostPort + "' must be HOST:PORT, e.g. 127.0.0.1:1883");
        }
        String host = hostPort.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String name, String hostPort) {
        return integer(name, hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a whole number");
        }
    }

    private static long longValue(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a whole number");
        }
    }

    private static double positive(String name, String value) {
        try {
            double number = Double.parseDouble(value.trim());
            if (!(number > 0) || Double.isInfinite(number)) {
                throw new IllegalArgumentException(name + " must be a positive number, was '" + value + "'");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number, e.g. 1000");
        }
    }

    private static double fraction(String name, String value) {
        double number = positive(name, value);
        if (number > 1) {
            throw new IllegalArgumentException(name + " is a fraction of devices 0..1, was '" + value + "'");
        }
        return number;
    }

    private static Duration seconds(String name, String value) {
        try {
            double seconds = Double.parseDouble(value.trim());
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException(name + " must be a positive number of seconds, was '" + value + "'");
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number of seconds, e.g. 5 or 0.5");
        }
    }
}
