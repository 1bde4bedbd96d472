package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.changes.ThingChange;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a token limited to nanan receives live: the twin and alert SSE streams (read as a browser
 * does), the Ditto protocol on {@code /ws/2} (the real Eclipse Ditto Java client) and a crew's MQTT
 * {@code alerts/...} subscriptions on both MQTT endpoints (the HiveMQ client). A xinshengli change
 * is made first and a nanan change after it; the nanan change arrives and nothing of xinshengli
 * ever does. A token for building b2 of nanan likewise sees b2's change and not b1's.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class SiteScopedStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void sseStreamsCarryOnlyTheTokensSites(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            SiteScopedAccessTest.provisionXinshengli(p, "iaq-x01");
            String viewer = p.newToken("nanan-fm", "viewer", "nanan");
            String b2 = new JsonObject(p.post("/api/tokens", "{\"name\":\"b2-fm\",\"role\":\"viewer\",\"sites\":[\"nanan\"],"
                    + "\"buildings\":[\"b2\"]}").body()).getString("token");
            try (EventStreamReader twins = EventStreamReader.open(p, "/api/2/things", viewer);
                 EventStreamReader alerts = EventStreamReader.open(p, "/api/alerts/stream", viewer);
                 EventStreamReader b2Twins = EventStreamReader.open(p, "/api/2/things", b2);
                 EventStreamReader b2Alerts = EventStreamReader.open(p, "/api/alerts/stream", b2)) {
                SiteScopedAccessTest.raiseCo2(p, "xinshengli", "iaq-x01");
                Eventually.await(WAIT, () -> p.get("/api/alerts?tenant=xinshengli").body(), b -> b.contains("iaq-x01"),
                        "xinshengli's alert (seen by the admin)");
                SiteScopedAccessTest.raiseCo2(p, "nanan", "iaq-0002"); // building b1
                twins.next(WAIT, line -> line.contains("nanan:iaq-0002"));
                alerts.next(WAIT, line -> line.startsWith("data:") && line.contains("nanan:iaq-0002"));
                SiteScopedAccessTest.raiseCo2(p, "nanan", "iaq-0003"); // building b2

                b2Twins.next(WAIT, line -> line.contains("nanan:iaq-0003"));
                b2Alerts.next(WAIT, line -> line.startsWith("data:") && line.contains("nanan:iaq-0003"));
                assertThat(twins.seen()).noneMatch(line -> line.contains("xinshengli"));
                assertThat(alerts.seen()).noneMatch(line -> line.contains("xinshengli"));
                assertThat(b2Twins.seen()).noneMatch(line -> line.contains("xinshengli") || line.contains("iaq-0002"));
                assertThat(b2Alerts.seen()).noneMatch(line -> line.contains("xinshengli") || line.contains("iaq-0002"));
            }
        }
    }

    @Test
    void theDittoClientOfAScopedTokenSeesOnlyItsSite(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            SiteScopedAccessTest.provisionXinshengli(p, "iaq-x01");
            DittoClient client = WebSocketAccessTest.connect(p, p.newToken("nanan-fm", "viewer", "nanan"));
            try {
                assertThat(client.twin().forId(ThingId.of("nanan:iaq-0001")).retrieve().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS).getEntityId()).contains(ThingId.of("nanan:iaq-0001"));
                assertThatThrownBy(() -> client.twin().forId(ThingId.of(SiteScopedAccessTest.OTHER)).retrieve()
                        .toCompletableFuture().get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).rootCause().hasMessageContaining("could not be found");

                BlockingQueue<ThingChange> changes = new LinkedBlockingQueue<>();
                client.twin().startConsumption().toCompletableFuture().get(10, TimeUnit.SECONDS);
                client.twin().registerForThingChanges("all", changes::add);
                SiteScopedAccessTest.raiseCo2(p, "xinshengli", "iaq-x01");
                Eventually.await(WAIT, () -> p.get("/api/2/things/" + SiteScopedAccessTest.OTHER
                        + "/features/environment/properties/co2").body(), b -> b.startsWith("2600"), "xinshengli's reading (admin)");
                SiteScopedAccessTest.raiseCo2(p, "nanan", "iaq-0002");
                ThingChange change = changes.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(change).as("nanan's change").isNotNull();
                assertThat(change.getEntityId().toString()).as("the first change the client sees").isEqualTo("nanan:iaq-0002");
            } finally {
                client.destroy();
            }
        }
    }

    /**
     * A crew signed in with a token limited to nanan subscribes to nanan's alerts, and is refused
     * xinshengli's and every wildcard over sites; its nanan alert arrives.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hivemq", "vertx"})
    void aScopedCrewSubscribesOnlyToItsSitesAlerts(String endpoint, @TempDir Path dataDir, InfluxServer influx) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, Map.of("PARKOPS_MQTT_ENDPOINT", endpoint))) {
            String token = p.newToken("nanan-crew", "operator", "nanan");
            Mqtt5AsyncClient crew = MqttScenarios.signIn(p, "crew-" + endpoint, "nanan-crew", token);
            try {
                BlockingQueue<Mqtt5Publish> alerts = new LinkedBlockingQueue<>();
                for (String foreign : new String[] {"alerts/xinshengli/#", "alerts/#", "alerts/+/iaq-0002", "#"}) {
                    assertThat(MqttScenarios.subscribe(crew, foreign, alerts)).as(foreign)
                            .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
                }
                assertThat(MqttScenarios.subscribe(crew, "alerts/nanan/#", alerts)).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
                SiteScopedAccessTest.raiseCo2(p, "nanan", "iaq-0002");
                Mqtt5Publish alert = alerts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(alert).as("nanan's alert").isNotNull();
                assertThat(alert.getTopic().toString()).isEqualTo("alerts/nanan/iaq-0002");
                assertThat(new JsonObject(new String(alert.getPayloadAsBytes(), StandardCharsets.UTF_8)).getString("tenant"))
                        .isEqualTo("nanan");
            } finally {
                crew.disconnect();
            }
        }
    }
}
