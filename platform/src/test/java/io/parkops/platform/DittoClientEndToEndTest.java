package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.DittoClients;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application written against the Eclipse Ditto Java client works against ParkOps: it reads a
 * twin, sets a desired property, and sees the change of a reading sent with mosquitto_pub.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class DittoClientEndToEndTest {

    @Test
    void dittoClientReadsWritesAndSeesMqttTelemetry(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            DittoClient client = connect(p.platform.httpPort(), TestPlatform.ADMIN_TOKEN);
            try {
                ThingId id = ThingId.of("nanan:iaq-0001");
                Thing thing = client.twin().forId(id).retrieve().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(thing.getDefinition().orElseThrow().toString()).isEqualTo("io.parkops:iaq-sensor:1.0.0");

                client.twin().forId(id).mergeFeature(ThingsModelFactory.newFeatureBuilder()
                        .desiredProperties(JsonObject.newBuilder().set("temperature", 21.0).build())
                        .withId("environment").build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(p.get("/api/2/things/nanan:iaq-0001/features/environment/desiredProperties/temperature").body())
                        .isEqualTo("21.0");

                BlockingQueue<ThingChange> changes = new LinkedBlockingQueue<>();
                client.twin().startConsumption().toCompletableFuture().get(10, TimeUnit.SECONDS);
                client.twin().registerForThingChanges("iaq", changes::add);
                assertThat(DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001",
                        "{\"temperature\":23.25,\"co2\":700}").exitCode()).isZero();
                ThingChange change = changes.poll(20, TimeUnit.SECONDS);
                assertThat(change).isNotNull();
                assertThat(change.getEntityId().toString()).isEqualTo(id.toString());
                assertThat(change.getValue().orElseThrow().asObject()
                        .getValue(JsonPointer.of("/features/environment/properties/temperature")).orElseThrow().asDouble())
                        .isEqualTo(23.25);
            } finally {
                client.destroy();
            }
        }
    }

    /** The official Ditto client on a node's {@code /ws/2}, signed in with {@code token} as Basic auth's password. */
    static DittoClient connect(int httpPort, String token) throws Exception {
        return DittoClients.newInstance(MessagingProviders.webSocket(
                        WebSocketMessagingConfiguration.newBuilder()
                                .endpoint("ws://127.0.0.1:" + httpPort)
                                .jsonSchemaVersion(JsonSchemaVersion.V_2).build(),
                        AuthenticationProviders.basic(BasicAuthenticationConfiguration.newBuilder()
                                .username("dashboard").password(token).build())))
                .connect().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
