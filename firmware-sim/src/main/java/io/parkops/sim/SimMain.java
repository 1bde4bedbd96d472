package io.parkops.sim;

import io.parkops.sim.fleet.ParkLayout;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./parkops sim}: runs a simulated park against a platform until Ctrl-C or
 * {@code --duration}, printing a progress line every 5 s and a summary at the end.
 *
 * <p>Exit codes: 0 done, 1 could not start (or nothing was accepted while errors piled up),
 * 2 bad arguments.
 */
public final class SimMain {

    static final long PROGRESS_MILLIS = 5_000;
    private static final long STOP_TIMEOUT_SECONDS = 15;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private SimMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.getenv(), System.out, System.err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        SimArgs parsed;
        try {
            parsed = SimArgs.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("parkops sim: " + e.getMessage());
            err.println("Run 'parkops sim --help' for the options.");
            return 2;
        }
        if (parsed.help()) {
            out.print(SimArgs.USAGE);
            return 0;
        }
        return new SimMain(out, err).simulate(parsed);
    }

    private int simulate(SimArgs args) {
        Thread hook = new Thread(this::onCtrlC, "parkops-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Vertx vertx = Vertx.vertx();
        try {
            return runFleet(vertx, args);
        } finally {
            awaitQuietly(vertx.close().toCompletionStage().toCompletableFuture());
            finished.countDown();
            removeHook(hook);
        }
    }

    private int runFleet(Vertx vertx, SimArgs args) {
        SimOptions options = args.options();
        out.println("parkops sim: " + options);
        String tooFewFiles = FileLimit.check(ParkLayout.plan(options));
        if (tooFewFiles != null) {
            err.println("parkops sim: " + tooFewFiles);
            return 1;
        }
        ParkSimulator sim;
        try {
            sim = ParkSimulator.start(vertx, options, line -> out.println("parkops sim: " + line))
                    .toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            err.println("parkops sim: could not start: " + cause.getMessage());
            return 1;
        }
        out.println("parkops sim: " + sim.devices().size() + " devices reporting "
                + (sim.fleetIntervalMillis() > 0 ? "every " + sim.fleetIntervalMillis() / 1000.0 + " s (--rate " + options.rate() + "/s)"
                : "every " + options.interval().toMillis() / 1000.0 + " s or as the layout sets for their type and site")
                + (args.duration() == null ? "; Ctrl-C stops" : ""));
        long started = System.nanoTime();
        long progressTimer = vertx.setPeriodic(PROGRESS_MILLIS, new Progress(sim)::print);
        awaitStop(args.duration());
        vertx.cancelTimer(progressTimer);
        SimStats beforeStop = sim.stats();
        double seconds = (System.nanoTime() - started) / 1e9;
        awaitQuietly(sim.stop().toCompletionStage().toCompletableFuture());
        printSummary(beforeStop, seconds, sim.lastError());
        return beforeStop.acked() == 0 && beforeStop.errors() > 0 ? 1 : 0;
    }

    private void printSummary(SimStats stats, double seconds, String lastError) {
        out.printf(Locale.ROOT, "parkops sim: done after %.1f s, %.1f msg/s accepted: %s%n",
                seconds, stats.rateSince(SimStats.ZERO, seconds), stats.summary());
        if (lastError != null) {
            out.println("parkops sim: last error: " + lastError);
        }
    }

    private void awaitStop(Duration duration) {
        try {
            if (duration == null) {
                stopRequested.await();
            } else {
                stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ctrl-C: let the main thread stop the fleet and print the summary before the JVM exits. */
    private void onCtrlC() {
        stopRequested.countDown();
        try {
            finished.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting because of Ctrl-C; the hook is running and will return
        }
    }

    private static void awaitQuietly(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping is best effort: the process is ending either way
        }
    }

    /** Prints the progress line with the rate since the previous line. */
    private final class Progress {
        private final ParkSimulator sim;
        private SimStats previous = SimStats.ZERO;
        private long previousNanos = System.nanoTime();
        private long reportedErrors;

        Progress(ParkSimulator sim) {
            this.sim = sim;
        }

        void print(long timerId) {
            SimStats now = sim.stats();
            long nanos = System.nanoTime();
            out.println(now.progressLine(now.rateSince(previous, (nanos - previousNanos) / 1e9)));
            if (now.errors() > reportedErrors && sim.lastError() != null) {
                out.println("  last error: " + sim.lastError());
            }
            reportedErrors = now.errors();
            previous = now;
            previousNanos = nanos;
        }
    }
}
