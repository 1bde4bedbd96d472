package io.parkops.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An InfluxDB that hangs until the test lets go: it takes every connection and answers a byte of a
 * status line every second, so the writer's read timeout never fires and it waits as long as the
 * test wants. {@link #fail} then drops every connection and refuses new ones: the writer's request
 * fails at the moment the test chooses, not when a timeout happens to run out.
 */
final class StalledInflux implements AutoCloseable {

    private static final byte[] TRICKLE = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile boolean failed;

    StalledInflux() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalled-influx");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Drops the held connections and closes the port: every request fails from now on. */
    void fail() throws IOException {
        failed = true;
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        fail();
    }

    private void accept() {
        while (!failed) {
            try {
                Socket s = server.accept();
                held.add(s);
                Thread trickle = new Thread(() -> trickle(s), "stalled-influx-trickle");
                trickle.setDaemon(true);
                trickle.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void trickle(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; !failed; i = (i + 1) % TRICKLE.length) {
                out.write(TRICKLE[i]);
                out.flush();
                Thread.sleep(1_000);
            }
        } catch (IOException | InterruptedException gone) {
            // dropped by fail(), or the writer gave up on it
        }
    }
}
