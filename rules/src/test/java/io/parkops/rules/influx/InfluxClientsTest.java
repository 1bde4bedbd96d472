package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Credentials from the URL and the timeouts, seen on the wire by a loopback server that answers as InfluxDB's /ping does. */
@Timeout(30)
class InfluxClientsTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer server;

    @AfterEach
    void stop() {
        never.countDown();
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNotAsPartOfTheAddress() throws IOException {
        String base = start();
        try (InfluxDB client = InfluxClients.connect(base.replace("://", "://ops:s%3Ae+cret@"), InfluxClients.Timeouts.VIEWS)) {
            assertThat(client.ping().isGood()).isTrue();
        }
        assertThat(authorizations).containsExactly("Basic "
                + Base64.getEncoder().encodeToString("ops:s:e+cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noCredentialsNoAuthorizationHeader() throws IOException {
        try (InfluxDB client = InfluxClients.connect(start(), InfluxClients.Timeouts.VIEWS)) {
            assertThat(client.ping().isGood()).isTrue();
        }
        assertThat(authorizations).containsExactly("none");
    }

    @Test
    void aServerThatDoesNotAnswerIsGivenUpAfterTheReadTimeout() throws IOException {
        String base = start();
        server.createContext("/query", exchange -> {
            await();
            exchange.close();
        });
        InfluxClients.Timeouts oneSecond = new InfluxClients.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        long started = System.nanoTime();
        try (InfluxDB client = InfluxClients.connect(base, oneSecond)) {
            assertThatThrownBy(() -> client.query(new Query("SHOW DATABASES")))
                    .isInstanceOf(InfluxDBIOException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void endpointSplitsUserInfoFromTheUrl() {
        assertThat(InfluxClients.Endpoint.parse("https://reader@influx.park:8086/"))
                .isEqualTo(new InfluxClients.Endpoint("https://influx.park:8086/", "reader", ""));
        assertThat(InfluxClients.Endpoint.parse("http://127.0.0.1:8086"))
                .isEqualTo(new InfluxClients.Endpoint("http://127.0.0.1:8086", null, null));
    }

    @Test
    void redactedHidesOnlyThePassword() {
        assertThat(InfluxClients.redacted("http://ops:s%3Asecret@influx.park:8086")).isEqualTo("http://ops:***@influx.park:8086");
        assertThat(InfluxClients.redacted("http://reader@influx.park:8086")).isEqualTo("http://reader@influx.park:8086");
        assertThat(InfluxClients.redacted("http://127.0.0.1:8086")).isEqualTo("http://127.0.0.1:8086");
    }

    private String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/ping", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "none" : auth);
            exchange.getResponseHeaders().add("X-Influxdb-Version", "1.6.7");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void await() {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
