package io.parkops.platform;

import io.parkops.testing.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform as a separate JVM ({@code ParkOps run} on the test class path), so a test can kill
 * it with SIGKILL: no shutdown hook, no final commit, exactly what a crash or the OOM killer does.
 * Output goes to a log file in the data dir.
 */
final class ChildPlatform implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;

    private ChildPlatform(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /**
     * Settings for a child platform with its data dir (holding {@link TestPlatform#BOOTSTRAP}) under
     * {@code dir}, free ports, the given InfluxDB and admin token, and no per-device rate limit.
     */
    static Map<String, String> env(Path dir, int httpPort, String influxUrl, String db, String token) throws IOException {
        Path dataDir = dir.resolve("data");
        Files.createDirectories(dataDir);
        Path bootstrap = dataDir.resolve("bootstrap.yaml");
        Files.writeString(bootstrap, TestPlatform.BOOTSTRAP);
        Map<String, String> env = new HashMap<>();
        env.put("PARKOPS_DATA_DIR", dataDir.toString());
        env.put("PARKOPS_BIND_ADDRESS", "127.0.0.1");
        env.put("PARKOPS_HTTP_PORT", String.valueOf(httpPort));
        env.put("PARKOPS_COAP_PORT", String.valueOf(FreePort.udp()));
        env.put("PARKOPS_COAPS_PORT", String.valueOf(FreePort.udp()));
        env.put("PARKOPS_INFLUX_URL", influxUrl);
        env.put("PARKOPS_INFLUX_DB", db);
        env.put("PARKOPS_BOOTSTRAP_FILE", bootstrap.toString());
        env.put("PARKOPS_ADMIN_TOKEN", token);
        env.put("PARKOPS_DEVICE_RATE", "0");
        return env;
    }

    /** Starts {@code ParkOps run} with these settings and waits until {@code /ready} answers 200. */
    static ChildPlatform start(Map<String, String> env, int httpPort, Path log) throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ParkOps.class.getName(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        ChildPlatform child = new ChildPlatform(builder.start(), httpPort);
        try {
            Eventually.await(Duration.ofSeconds(60), () -> child.status("/ready"), s -> s == 200 || !child.process.isAlive(),
                    "the child platform ready (log " + log + ")");
            if (!child.process.isAlive()) {
                throw new AssertionError("the child platform died at start: " + String.join("\n", tail(log)));
            }
        } catch (Throwable e) {
            child.kill();
            throw e;
        }
        return child;
    }

    int status(String path) {
        try {
            return get(path, null).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    HttpResponse<String> send(String method, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the child platform did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the shutdown hook stops the platform cleanly
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static List<String> tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - 30), lines.size());
    }
}
