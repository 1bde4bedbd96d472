package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A token deleted while its holder follows something stops seeing anything at once: its twin and
 * alert event streams and its Ditto WebSocket are closed, and a crew's MQTT session signed in with it
 * is disconnected, on both MQTT endpoints. Another token's stream stays open and keeps receiving.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class TokenRevocationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void deletingATokenClosesItsStreamsAndWebSocketsAndNoOneElses(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            String leaving = p.newToken("leaving-fm", "viewer", "nanan");
            CompletableFuture<Integer> wsClosed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + leaving)
                    .buildAsync(URI.create("ws://127.0.0.1:" + p.platform.httpPort() + "/ws/2"), closedInto(wsClosed))
                    .get(10, TimeUnit.SECONDS);
            ws.sendText("START-SEND-EVENTS", true).get(10, TimeUnit.SECONDS);
            try (EventStreamReader twins = EventStreamReader.open(p, "/api/2/things", leaving);
                 EventStreamReader alerts = EventStreamReader.open(p, "/api/alerts/stream", leaving);
                 EventStreamReader staying = EventStreamReader.open(p, "/api/2/things", TestPlatform.ADMIN_TOKEN)) {
                SiteScopedAccessTest.raiseCo2(p, "nanan", "iaq-0002");
                twins.next(WAIT, line -> line.contains("nanan:iaq-0002"));
                assertThat(twins.endsWithin(Duration.ofMillis(200))).as("the stream is open before the deletion").isFalse();

                assertThat(p.send("DELETE", "/api/tokens/leaving-fm", null, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(204);

                assertThat(twins.endsWithin(WAIT)).as("the twin stream of the deleted token ended").isTrue();
                assertThat(alerts.endsWithin(WAIT)).as("the alert stream of the deleted token ended").isTrue();
                assertThat(wsClosed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("WebSocket close code").isEqualTo(1008);
                assertThat(p.get("/api/2/things/nanan:iaq-0002", leaving).statusCode()).isEqualTo(401);

                SiteScopedAccessTest.raiseCo2(p, "nanan", "iaq-0003");
                staying.next(WAIT, line -> line.contains("nanan:iaq-0003"));
                assertThat(staying.endsWithin(Duration.ofMillis(200))).as("the admin's stream is still open").isFalse();
                assertThat(sessionsOpen(p)).as("only the admin's stream is followed").isEqualTo(1);
            }
            Eventually.await(WAIT, () -> sessionsOpen(p), n -> n == 0, "no session followed once the admin's stream closed");
        }
    }

    @Test
    void aWebSocketOrStreamThatEndsIsNoLongerFollowed(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            String token = p.newToken("short-visit", "viewer");
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + p.platform.httpPort() + "/ws/2"), new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            try (EventStreamReader alerts = EventStreamReader.open(p, "/api/alerts/stream", token)) {
                Eventually.await(WAIT, () -> sessionsOpen(p), n -> n == 2, "the WebSocket and the stream followed");
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            Eventually.await(WAIT, () -> sessionsOpen(p), n -> n == 0, "nothing followed once both ended");
        }
    }

    private static int sessionsOpen(TestPlatform p) throws Exception {
        return (int) p.platform.metrics().get("parkops.token.sessions").gauge().value();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hivemq", "vertx"})
    void deletingATokenDisconnectsTheCrewSignedInWithIt(String endpoint, @TempDir Path dataDir, InfluxServer influx)
            throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, Map.of("PARKOPS_MQTT_ENDPOINT", endpoint))) {
            Mqtt5AsyncClient leaving = MqttScenarios.signIn(p, "leaving-" + endpoint, "leaving-crew",
                    p.newToken("leaving-crew", "operator", "nanan"));
            Mqtt5AsyncClient staying = MqttScenarios.signIn(p, "staying-" + endpoint, "staying-crew",
                    p.newToken("staying-crew", "operator", "nanan"));
            // the admin token is no stored token: its session is followed all the same, and stays open
            Mqtt5AsyncClient admin = MqttScenarios.signIn(p, "admin-" + endpoint, "admin", TestPlatform.ADMIN_TOKEN);
            try {
                BlockingQueue<Mqtt5Publish> left = new LinkedBlockingQueue<>();
                BlockingQueue<Mqtt5Publish> stayed = new LinkedBlockingQueue<>();
                BlockingQueue<Mqtt5Publish> admins = new LinkedBlockingQueue<>();
                assertThat(MqttScenarios.subscribe(leaving, "alerts/nanan/#", left)).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
                assertThat(MqttScenarios.subscribe(staying, "alerts/nanan/#", stayed)).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
                assertThat(MqttScenarios.subscribe(admin, "alerts/nanan/#", admins)).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

                assertThat(p.send("DELETE", "/api/tokens/leaving-crew", null, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(204);
                Eventually.await(WAIT, () -> leaving.getState().isConnected(), connected -> !connected,
                        "the crew signed in with the deleted token disconnected");

                SiteScopedAccessTest.raiseCo2(p, "nanan", "iaq-0002");
                assertThat(stayed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the other crew's alert").isNotNull();
                assertThat(admins.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the admin's alert").isNotNull();
                assertThat(staying.getState().isConnected()).isTrue();
                assertThat(admin.getState().isConnected()).as("the admin's session").isTrue();
                assertThat(left).isEmpty();
            } finally {
                staying.disconnect();
                admin.disconnect();
            }
        }
    }

    private static WebSocket.Listener closedInto(CompletableFuture<Integer> closed) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }
}
