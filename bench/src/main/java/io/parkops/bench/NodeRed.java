package io.parkops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer: Node-RED 4.1 with node-red-contrib-influxdb, installed with npm into a folder of its
 * own (kept between runs under the system temp dir, so only the first run pays for the install),
 * running the committed flow {@code bench/node-red-flow.json} against the run's Mosquitto and
 * InfluxDB (database {@code nodered}).
 */
final class NodeRed implements AutoCloseable {

    static final String PACKAGES = "node-red@4.1 node-red-contrib-influxdb";
    private final Path installDir;
    private final Path runDir;
    private Process process;
    private String version = "unknown";

    NodeRed(Path installDir, Path runDir) {
        this.installDir = installDir;
        this.runDir = runDir;
    }

    void install(Path log) throws IOException, InterruptedException {
        Path redJs = installDir.resolve("node_modules/node-red/red.js");
        if (!Files.exists(redJs)) {
            Files.createDirectories(installDir);
            System.out.println("bench: npm install " + PACKAGES + " into " + installDir + " (first run only)");
            Procs.run(installDir, log, 600, List.of("npm", "install", "--no-audit", "--no-fund", "--prefix",
                    installDir.toString(), "node-red@4.1", "node-red-contrib-influxdb"));
        }
        String pkg = Files.readString(installDir.resolve("node_modules/node-red/package.json"));
        int at = pkg.indexOf("\"version\"");
        version = at < 0 ? "unknown" : pkg.substring(pkg.indexOf('"', at + 10) + 1, pkg.indexOf('"', pkg.indexOf('"', at + 10) + 1));
    }

    /** Starts Node-RED with the bench flow and waits until its HTTP side answers. */
    void start(int mqttPort, int influxPort, Path log) throws IOException, InterruptedException {
        Path userDir = runDir.resolve("node-red");
        Files.createDirectories(userDir);
        Path flow = userDir.resolve("flows.json");
        try (InputStream in = NodeRed.class.getResourceAsStream("/bench/node-red-flow.json")) {
            Files.copy(in, flow, StandardCopyOption.REPLACE_EXISTING);
        }
        int port = PlatformProcess.freeTcpPort();
        ProcessBuilder pb = new ProcessBuilder("node", installDir.resolve("node_modules/node-red/red.js").toString(),
                "--userDir", userDir.toString(), "--port", String.valueOf(port), flow.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("MQTT_PORT", String.valueOf(mqttPort));
        pb.environment().put("INFLUX_PORT", String.valueOf(influxPort));
        process = pb.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                int code = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (code == 200) {
                    Thread.sleep(2000); // the flow's MQTT connection and subscription come up just after
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("Node-RED did not answer within 60 s (see " + log + ")");
    }

    long pid() {
        return process.pid();
    }

    String version() {
        return version;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
