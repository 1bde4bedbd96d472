package io.parkops.sim;

import io.parkops.testing.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A Mosquitto broker of the test's own (anonymous, loopback, fixed port), which the test may
 * stop and start again on the same port to play a broker outage. The shared broker of
 * {@code RealServices} must not be stopped, hence this one.
 */
final class PrivateMosquitto implements AutoCloseable {

    private final int port = FreePort.tcp();
    private Process process;

    PrivateMosquitto start() throws IOException {
        process = new ProcessBuilder("mosquitto", "-p", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Eventually.await(Duration.ofSeconds(10), this::accepts, () -> "mosquitto did not listen on " + port);
        return this;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    int port() {
        return port;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
