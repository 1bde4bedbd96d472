package io.parkops.sim;

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
            Simulates the devices of a park reporting telemetry to a ParkOps platform.

              --http URL            platform HTTP API for provisioning       (default http://127.0.0.1:8080)
              --token TOKEN         bearer token for the HTTP API            (default $PARKOPS_ADMIN_TOKEN,
                                    else the admin.token file in $PARKOPS_DATA_DIR or ./data)
              --mqtt HOST:PORT      MQTT broker                              (default 127.0.0.1:1883)
              --coap HOST:PORT      CoAP endpoint                            (default 127.0.0.1:5683)
              --tenants A,B         sites to simulate                        (default nanan,xinshengli)
              --devices N           devices of each type per site            (default 2)
              --interval SECONDS    reporting interval of each device        (default 5)
              --protocol P          mqtt, coap or mixed                      (default mixed)
              --duration SECONDS    stop after this long                     (default: until Ctrl-C)
              --seed N              seed for reproducible signals            (default 1)
              --help                this text
            """;

    static SimArgs parse(String[] args, Map<String, String> env) {
        SimOptions options = SimOptions.defaults().withPlatform(SimOptions.defaults().platformHttp(), defaultToken(env));
        Duration duration = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new SimArgs(options, duration, true);
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : valueAfter(args, ++i, name);
            if (name.equals("--duration")) {
                duration = seconds(name, value);
            } else {
                options = apply(options, name, value);
            }
        }
        return new SimArgs(options, duration, false);
    }

    private static SimOptions apply(SimOptions o, String name, String value) {
        try {
            return switch (name) {
                case "--http" -> o.withPlatform(URI.create(value), o.bearerToken());
                case "--token" -> o.withPlatform(o.platformHttp(), value);
                case "--mqtt" -> o.withMqtt(host(name, value), port(name, value));
                case "--coap" -> o.withCoap(host(name, value), port(name, value));
                case "--tenants" -> o.withFleet(Arrays.stream(value.split(",")).map(String::trim).toList(), o.devicesPerType());
                case "--devices" -> o.withFleet(o.tenants(), integer(name, value));
                case "--interval" -> o.withInterval(seconds(name, value));
                case "--protocol" -> o.withProtocol(Protocol.parse(value));
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
