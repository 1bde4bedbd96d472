package io.parkops.twins.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.twins.TestTypes;
import io.parkops.twins.store.TwinPersistence;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.DittoClients;
import org.eclipse.ditto.client.changes.ChangeAction;
import org.eclipse.ditto.client.changes.ThingChange;
import org.eclipse.ditto.client.configuration.BasicAuthenticationConfiguration;
import org.eclipse.ditto.client.configuration.WebSocketMessagingConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProviders;
import org.eclipse.ditto.client.messaging.MessagingProviders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real Eclipse Ditto Java client 2.4.0 against ParkOps' {@code /ws/2}. */
@Timeout(60)
class DittoClientTest {

    private static final ThingId HVAC = ThingId.of("xinshengli:hvac-1");

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private TwinPersistence persistence;
    private TwinStore store;
    private HttpServer server;
    private DittoClient client;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        persistence = TwinPersistence.open(dir, Duration.ofMillis(100));
        store = new TwinStore(TestTypes.TYPES, persistence);
        device = TestTypes.hvac("xinshengli", "hvac-1", "h1");
        store.create(device, System.currentTimeMillis());
        Router router = Router.router(vertx);
        new DittoWebSocket(store).mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        client = DittoClients.newInstance(MessagingProviders.webSocket(
                        WebSocketMessagingConfiguration.newBuilder()
                                .endpoint("ws://127.0.0.1:" + server.actualPort())
                                .jsonSchemaVersion(JsonSchemaVersion.V_2)
                                .build(),
                        AuthenticationProviders.basic(BasicAuthenticationConfiguration.newBuilder()
                                .username("facility-app").password("any").build())))
                .connect().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.destroy();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
        persistence.close();
    }

    @Test
    void readsATwinModifiesADesiredPropertyAndReceivesTelemetryChanges() throws Exception {
        Thing thing = client.twin().forId(HVAC).retrieve().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(thing.getEntityId()).contains(HVAC);
        assertThat(thing.getAttributes().orElseThrow().getValue("building").orElseThrow().asString()).isEqualTo("h1");

        client.twin().forId(HVAC).mergeFeature(ThingsModelFactory.newFeatureBuilder()
                        .desiredProperties(JsonObject.newBuilder().set("setpoint", 24.0).build())
                        .withId("loop").build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(store.find(io.parkops.model.ThingId.of("xinshengli", "hvac-1")).orElseThrow().toJson()
                .getValue(JsonPointer.of("/features/loop/desiredProperties/setpoint")).orElseThrow().asDouble()).isEqualTo(24.0);

        BlockingQueue<ThingChange> changes = new LinkedBlockingQueue<>();
        client.twin().startConsumption().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.twin().registerForThingChanges("all", changes::add);
        for (int i = 0; i < 20; i++) {
            long now = System.currentTimeMillis();
            store.apply(new Telemetry(device, Channel.TELEMETRY, Transport.MQTT, now, now,
                    Map.of("loop", Map.of("processValue", 20.0 + i))), now);
        }
        // the client hands changes to its handler on a thread pool, so sort by revision before checking
        java.util.List<ThingChange> received = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ThingChange change = changes.poll(10, TimeUnit.SECONDS);
            assertThat(change).as("change %d", i).isNotNull();
            received.add(change);
        }
        received.sort(java.util.Comparator.comparingLong(ThingChange::getRevision));
        for (int i = 0; i < 20; i++) {
            ThingChange change = received.get(i);
            assertThat(change.getAction()).isEqualTo(ChangeAction.MERGED);
            assertThat(change.getRevision()).isEqualTo(received.get(0).getRevision() + i);
            assertThat(change.getValue().orElseThrow().asObject()
                    .getValue(JsonPointer.of("/features/loop/properties/processValue")).orElseThrow().asDouble())
                    .isEqualTo(20.0 + i);
        }
    }

    @Test
    void reportsAMissingThingAsDittosError() {
        var missing = client.twin().forId(ThingId.of("xinshengli:nope")).retrieve().toCompletableFuture();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> missing.get(10, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotAccessibleException.class);
    }
}
