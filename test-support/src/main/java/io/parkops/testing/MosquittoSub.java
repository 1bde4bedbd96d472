package io.parkops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code mosquitto_sub} in the background, handed back once the broker has answered its SUBSCRIBE.
 * Alerts and commands are not retained, so a message published before the subscription is in
 * place is lost to it: a test publishes only after {@link #subscribed} returns, instead of
 * sleeping and hoping the client was quick enough. The program runs with {@code -d}; its debug
 * lines (which say when the SUBACK came) are kept apart from the messages it prints.
 */
public final class MosquittoSub implements AutoCloseable {

    private static final Duration SUBSCRIBED_WITHIN = Duration.ofSeconds(30);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String command;

    private MosquittoSub(Process process, Path stdout, Path stderr, String command) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.command = command;
    }

    /**
     * Starts {@code mosquitto_sub -d} with {@code args} and returns once its SUBACK is in (refused or
     * granted: {@link #subAck} tells which), or throws with what it printed if it ends or takes 30 s.
     */
    public static MosquittoSub subscribed(String... args) {
        // stdbuf: to a file its stdout would be written in blocks, and the SUBACK line not seen until the end
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", "mosquitto_sub", "-d"));
        command.addAll(List.of(args));
        if (!ExternalCommand.available("mosquitto_sub")) {
            throw new IllegalStateException("mosquitto_sub is not installed; './parkops test' and .ci/run install it "
                    + "(Debian package mosquitto-clients)");
        }
        MosquittoSub sub;
        try {
            Path out = Files.createTempFile("mosquitto_sub", ".out");
            Path err = Files.createTempFile("mosquitto_sub", ".err");
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start(); // files: thousands of lines would fill a pipe
            sub = new MosquittoSub(process, out, err, String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto_sub", e);
        }
        long deadline = System.nanoTime() + SUBSCRIBED_WITHIN.toNanos();
        while (sub.subAck().isEmpty()) {
            boolean ended = !sub.process.isAlive();
            if (ended || System.nanoTime() > deadline) {
                String output = sub.output();
                sub.close();
                throw new IllegalStateException(sub.command + (ended ? " ended before its subscription was answered:\n"
                        : " had no SUBACK within " + SUBSCRIBED_WITHIN + ":\n") + output);
            }
            sleep(20);
        }
        return sub;
    }

    /** The granted QoS (or refusal) codes of the SUBACK, as mosquitto_sub prints them ("1", "128"), once it is in. */
    public java.util.Optional<String> subAck() {
        for (String line : lines(stdout)) {
            if (line.startsWith("Subscribed (mid:")) {
                return java.util.Optional.of(line.substring(line.indexOf("):") + 2).trim());
            }
        }
        return java.util.Optional.empty();
    }

    /** The messages printed so far (with {@code -v}: "topic payload"), without the debug lines. */
    public List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (String line : lines(stdout)) {
            if (!isDebug(line)) {
                messages.add(line);
            }
        }
        return messages;
    }

    /**
     * Waits at most {@code timeout} for the program to end (after {@code -C} messages or its {@code -W}
     * timeout): the exit code, the messages as its stdout would be without {@code -d}, and everything
     * else (debug lines, errors) as stderr. Kills it and throws when it overruns; either way it is closed.
     */
    public ExternalCommand.Result await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            String output = output();
            close();
            throw new IllegalStateException(command + " did not finish within " + timeout + ":\n" + output);
        }
        StringBuilder messages = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        for (String line : lines(stdout)) {
            (isDebug(line) ? rest : messages).append(line).append('\n');
        }
        lines(stderr).forEach(line -> rest.append(line).append('\n'));
        close(); // ended: only its files are left to remove
        return new ExternalCommand.Result(process.exitValue(), messages.toString(), rest.toString());
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a temporary file left behind
        }
    }

    private static boolean isDebug(String line) {
        return line.startsWith("Client ") || line.startsWith("Subscribed (mid:");
    }

    private String output() {
        return String.join("\n", lines(stdout)) + "\n" + String.join("\n", lines(stderr));
    }

    private List<String> lines(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (process.isAlive() && !text.endsWith("\n")) { // the last line is still being written
                int end = text.lastIndexOf('\n');
                text = end < 0 ? "" : text.substring(0, end + 1);
            }
            return text.lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for mosquitto_sub", e);
        }
    }
}
