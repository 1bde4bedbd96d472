package io.parkops.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The private InfluxDB and Mosquitto of one bench run, started with the repository's
 * {@code infra/local} scripts on free ports in the run's folder and stopped at the end.
 */
final class Services implements AutoCloseable {

    private final Path root;
    private final Path dir;
    private final Path log;
    private boolean influxStarted;
    private boolean mosquittoStarted;
    private String influxUrl;
    private String mqttUrl;

    Services(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
        this.log = dir.resolve("services.log");
    }

    void start() throws IOException, InterruptedException {
        influxStarted = true;
        influxUrl = lastLine(Procs.run(root, log, 60, List.of("infra/local/influxdb.sh", "start", "--dir",
                dir.resolve("influxdb").toString(), "--port", "auto")));
        mosquittoStarted = true;
        mqttUrl = lastLine(Procs.run(root, log, 60, List.of("infra/local/mosquitto.sh", "start", "--dir",
                dir.resolve("mosquitto").toString(), "--port", "auto")));
    }

    String influxUrl() {
        return influxUrl;
    }

    String mqttHost() {
        return "127.0.0.1";
    }

    int mqttPort() {
        return Integer.parseInt(mqttUrl.substring(mqttUrl.lastIndexOf(':') + 1));
    }

    long influxPid() throws IOException {
        return Procs.pidFromFile(dir.resolve("influxdb/influxd.pid"));
    }

    long mosquittoPid() throws IOException {
        return Procs.pidFromFile(dir.resolve("mosquitto/mosquitto.pid"));
    }

    @Override
    public void close() {
        stop(mosquittoStarted, "infra/local/mosquitto.sh", "mosquitto");
        stop(influxStarted, "infra/local/influxdb.sh", "influxdb");
    }

    private void stop(boolean started, String script, String sub) {
        if (!started) {
            return;
        }
        try {
            Procs.run(root, log, 60, List.of(script, "stop", "--dir", dir.resolve(sub).toString()));
        } catch (IOException | InterruptedException e) {
            System.err.println("bench: could not stop " + sub + ": " + e.getMessage());
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.trim().split("\n");
        return lines[lines.length - 1].trim();
    }
}
