package io.parkops.bench;

import io.parkops.bench.load.DeviceKeys;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform under test: the packaged {@code platform/target/parkops.jar} in a child JVM with
 * its data dir in the run's folder, its own free ports, a generated admin token, and the bench
 * devices provisioned from a bootstrap file (tenant {@code bench}, {@code iaq-sensor}s). Plain CoAP
 * and anonymous MQTT are allowed for the run (the bench measures ingest, not authentication).
 */
final class PlatformProcess implements AutoCloseable {

    static final String TENANT = "bench";
    static final String DEVICE_PREFIX = "d";
    static final String INFLUX_DB = "parkops";
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Path jar;
    private final Path dir;
    private final String influxUrl;
    private final Map<String, String> extraEnv;
    private final String token = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private int httpPort;
    private int mqttPort;
    private int coapPort;
    private int coapsPort;
    private Process process;
    private ClassSharing classSharing;

    PlatformProcess(Path jar, Path dir, String influxUrl, Map<String, String> extraEnv) {
        this.jar = jar;
        this.dir = dir;
        this.influxUrl = influxUrl;
        this.extraEnv = extraEnv;
    }

    /** Starts the JVM and returns the milliseconds from launch to {@code /ready} answering 200. */
    long start(int devices) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path bootstrap = dir.resolve("bench-devices.yaml");
        writeBootstrap(bootstrap, devices);
        httpPort = freeTcpPort();
        mqttPort = freeTcpPort();
        coapPort = freeUdpPort();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(JVM_FLAGS);
        classSharing = new ClassSharing(jar);
        cmd.addAll(classSharing.jvmFlags());
        cmd.addAll(List.of("-jar", jar.toString(), "run"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("platform.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("PARKOPS_DATA_DIR", dir.resolve("data").toString());
        env.put("PARKOPS_BIND_ADDRESS", "127.0.0.1");
        env.put("PARKOPS_HTTP_PORT", String.valueOf(httpPort));
        env.put("PARKOPS_MQTT_PORT", String.valueOf(mqttPort));
        env.put("PARKOPS_COAP_PORT", String.valueOf(coapPort));
        coapsPort = freeUdpPort();
        env.put("PARKOPS_COAPS_PORT", String.valueOf(coapsPort));
        env.put("PARKOPS_INFLUX_URL", influxUrl);
        env.put("PARKOPS_INFLUX_DB", INFLUX_DB);
        env.put("PARKOPS_ADMIN_TOKEN", token);
        env.put("PARKOPS_BOOTSTRAP_FILE", bootstrap.toString());
        env.put("PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true");
        env.put("PARKOPS_MQTT_ALLOW_UNAUTHENTICATED", "true");
        env.putAll(extraEnv);
        long t0 = System.nanoTime();
        process = pb.start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the platform exited with " + process.exitValue() + "; see " + dir.resolve("platform.log"));
            }
            if (status("/ready") == 200) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Thread.sleep(25);
        }
        throw new IOException("the platform was not ready within 90 s; see " + dir.resolve("platform.log"));
    }

    private static void writeBootstrap(Path file, int devices) throws IOException {
        StringBuilder b = new StringBuilder("tenants: [" + TENANT + "]\ndevices:\n");
        for (int d = 0; d < devices; d++) {
            b.append("  - {tenant: ").append(TENANT).append(", deviceId: ").append(DEVICE_PREFIX).append(d)
                    .append(", type: iaq-sensor, attributes: {building: b").append(d % 10).append(", floor: \"")
                    .append(d % 7).append("\", zone: z").append(d % 50).append("}, credentials: {psk: \"")
                    .append(DeviceKeys.psk(DEVICE_PREFIX + d)).append("\"}}\n"); // so CoAPS load devices can sign in
        }
        Files.writeString(file, b);
    }

    /** The rule whose threshold the bench's crossing messages breach (raised at once, cleared at once). */
    void putAlertRule() throws IOException, InterruptedException {
        String rule = "{\"id\":\"bench-hot\",\"deviceType\":\"iaq-sensor\",\"tenant\":\"" + TENANT + "\",\"feature\":\"environment\","
                + "\"property\":\"temperature\",\"operator\":\"above\",\"threshold\":40,\"severity\":\"major\","
                + "\"message\":\"bench threshold crossed\"}";
        HttpRequest req = authorized("/api/rules/bench-hot").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(rule)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("PUT /api/rules/bench-hot answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Heap in use right after a full GC (jcmd GC.run, then GC.heap_info), in KB. */
    long heapAfterGcKb(Path log) throws IOException, InterruptedException {
        String pid = String.valueOf(process.pid());
        Procs.run(dir, log, 60, List.of("jcmd", pid, "GC.run"));
        String info = Procs.run(dir, log, 60, List.of("jcmd", pid, "GC.heap_info"));
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no 'used NK' in jcmd GC.heap_info output: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    int status(String path) {
        try {
            return http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of an authorized GET (e.g. {@code /health}); throws unless it answers 200 or 503 (health that is not UP). */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(authorized(path).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 503) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** {@code kill -9}: the JVM gets no chance to flush, leave a consumer group or answer anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    String token() {
        return token;
    }

    int mqttPort() {
        return mqttPort;
    }

    int coapPort() {
        return coapPort;
    }

    int coapsPort() {
        return coapsPort;
    }

    long pid() {
        return process.pid();
    }

    /** The platform's soft limit on open files ({@code /proc/<pid>/limits}): each connection takes one. */
    String maxOpenFiles() {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/limits")).stream()
                    .filter(l -> l.startsWith("Max open files")).map(l -> l.trim().split("\\s+")[3]).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Whether this start mapped the class data sharing archive (see {@link ClassSharing}). */
    boolean classSharing() {
        return classSharing != null && classSharing.present();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            // a run that records the class data sharing archive writes it on the way out
            if (!process.waitFor(classSharing.present() ? 20 : 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (process != null && !process.isAlive() && classSharing != null) {
            try {
                classSharing.afterExit(process.exitValue());
            } catch (IOException e) {
                System.err.println("bench: class data sharing archive not kept: " + e.getMessage());
            }
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
