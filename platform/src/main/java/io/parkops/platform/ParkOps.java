package io.parkops.platform;

import io.parkops.platform.cli.DevicesCommand;
import io.parkops.platform.config.ConfigException;
import io.parkops.platform.config.ConfigLoader;
import io.parkops.platform.config.PlatformConfig;
import io.parkops.sim.SimMain;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code parkops} command: {@code run}, {@code demo}, {@code sim}, {@code config}. The
 * {@code ./parkops} script at the repository root builds the jar and calls this.
 */
public final class ParkOps {

    private static final Logger LOG = LoggerFactory.getLogger(ParkOps.class);
    /** {@code demo --estate}: the simulated estate instead of the two lead parks. */
    private static final String ESTATE = "--estate";

    private ParkOps() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "run" -> runPlatform(rest, false);
            case "demo" -> runPlatform(rest, true);
            case "sim" -> System.exit(SimMain.run(rest));
            case "devices" -> System.exit(new DevicesCommand(System.out, System.err).run(rest, System.getenv()));
            case "config" -> System.out.print(ConfigLoader.describe());
            case "bench" -> {
                // The benchmark starts this jar as its subject, so it lives in its own jar (bench/).
                System.err.println("parkops bench: run ./parkops bench from the ParkOps directory"
                        + " (java -jar bench/target/parkops-bench.jar --help lists its options)");
                System.exit(2);
            }
            case "help", "--help", "-h" -> usage();
            default -> {
                System.err.println("unknown command '" + command + "'");
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.out.println("""
                usage: parkops <command> [options]
                  run  [--config FILE]   the platform with embedded defaults
                  demo [--config FILE] [--estate]
                                         the platform plus a simulated park (--estate: 20 parks,
                                         about 3,000 devices, for the portfolio)
                  sim  [options]         the device fleet simulator (sim --help)
                  devices import FILE [--url URL] [--token TOKEN]
                                         provision devices from a CSV or JSON file
                  config                 every setting with its environment variable and default
                """);
    }

    private static void runPlatform(String[] args, boolean demo) {
        boolean estate = demo && Arrays.asList(args).contains(ESTATE);
        if (estate) {
            args = Arrays.stream(args).filter(a -> !a.equals(ESTATE)).toArray(String[]::new);
        }
        PlatformConfig config;
        try {
            config = ConfigLoader.load(configFile(args), System.getenv());
        } catch (ConfigException e) {
            System.err.println("parkops: " + e.getMessage());
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        PlatformVertx runtime = PlatformVertx.create();
        Vertx vertx = runtime.vertx();
        Platform platform;
        try {
            platform = Platform.start(vertx, config, runtime.metrics()).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("ParkOps could not start: {}", e.getMessage(), e);
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { // Vert.x is closed from this thread, not from inside the stop's last callback on its own event loop
                platform.stop().await(15, TimeUnit.SECONDS);
                vertx.close().await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the JVM is going down either way
            }
        }, "parkops-shutdown"));
        System.out.printf("ParkOps is running (started in %d ms)%n", (System.nanoTime() - t0) / 1_000_000);
        if (demo) {
            Demo.start(vertx, platform, estate);
        }
        System.out.print(Banner.whereToLook(platform, demo, estate));
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("--config needs a file name");
                }
                return Path.of(args[i + 1]);
            }
            throw new ConfigException("unknown option '" + args[i] + "' (only --config FILE is accepted, and --estate for demo)");
        }
        return null;
    }
}
