package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mosquitto of the test's own (infra/local/mosquitto.sh in a folder of the test), for tests that
 * stop and start the broker under the platform; the shared one of {@code RealServices} must not.
 */
final class PrivateMosquitto {

    private static final Path SCRIPT = Path.of("..", "infra", "local", "mosquitto.sh").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;

    PrivateMosquitto(Path dir) {
        this.dir = dir;
    }

    /** Starts it on a free port; returns its {@code tcp://127.0.0.1:PORT} URL. */
    String start() {
        return run("start", "auto");
    }

    /** Starts it again on the port it had. */
    void restart(String url) {
        run("start", url.substring(url.lastIndexOf(':') + 1));
    }

    void stop() {
        run("stop", null);
    }

    /** For {@code @AfterEach}: stops it whether or not it runs, without failing. */
    void stopQuietly() {
        ExternalCommand.run(TIMEOUT, "bash", SCRIPT.toString(), "stop", "--dir", dir.toString());
    }

    private String run(String action, String port) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), action, "--dir", dir.toString()));
        if (port != null) {
            cmd.addAll(List.of("--port", port));
        }
        ExternalCommand.Result r = ExternalCommand.run(TIMEOUT, cmd);
        assertThat(r.exitCode()).as(r.output()).isZero();
        String[] lines = r.stdout().trim().split("\n");
        return lines[lines.length - 1].trim();
    }
}
