package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.DittoClients;
import org.eclipse.ditto.client.configuration.BasicAuthenticationConfiguration;
import org.eclipse.ditto.client.configuration.WebSocketMessagingConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProviders;
import org.eclipse.ditto.client.messaging.MessagingProviders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes over {@code /ws/2} get the same decision as over HTTP: the socket of a viewer reads but
 * does not write, an operator sets desired values but not attributes, and what is written is
 * recorded under the caller in the twin and in the audit log. The client is the real Eclipse
 * Ditto Java client.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class WebSocketAccessTest {

    private static final ThingId IAQ = ThingId.of("nanan:iaq-0001");

    @Test
    void aViewerReadsOnlyAndAnOperatorWritesDesiredValuesUnderItsName(InfluxServer influx, @TempDir Path dataDir)
            throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            DittoClient viewer = connect(p, p.newToken("facility-viewer", "viewer"));
            DittoClient operator = connect(p, p.newToken("crew-anna", "operator"));
            try {
                assertThat(viewer.twin().forId(IAQ).retrieve().toCompletableFuture().get(10, TimeUnit.SECONDS)
                        .getEntityId()).contains(IAQ);
                assertRefused(viewer.twin().forId(IAQ).mergeFeature(desiredTemperature(20.0)).toCompletableFuture());
                assertRefused(operator.twin().forId(IAQ).putAttribute(JsonPointer.of("zone"), JsonValue.of("z9"))
                        .toCompletableFuture());

                operator.twin().forId(IAQ).mergeFeature(desiredTemperature(21.5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(p.get("/api/2/things/nanan:iaq-0001/features/environment/desiredProperties/temperature").body())
                        .isEqualTo("21.5");
                assertThat(p.get("/api/2/things/nanan:iaq-0001/attributes/zone").body()).doesNotContain("z9");

                Path auditLog = dataDir.resolve("audit.log");
                String audit = Eventually.await(java.time.Duration.ofSeconds(10),
                        () -> Files.exists(auditLog) ? Files.readString(auditLog) : "",
                        text -> text.contains("\"who\":\"crew-anna\""), "the operator's write in the audit log");
                assertThat(audit).contains("\"method\":\"PATCH\"").doesNotContain("facility-viewer");
            } finally {
                viewer.destroy();
                operator.destroy();
            }
        }
    }

    private static org.eclipse.ditto.things.model.Feature desiredTemperature(double celsius) {
        return ThingsModelFactory.newFeatureBuilder()
                .desiredProperties(JsonObject.newBuilder().set("temperature", celsius).build())
                .withId("environment").build();
    }

    private static void assertRefused(java.util.concurrent.CompletableFuture<?> write) {
        assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .rootCause().hasMessageContaining("may not");
    }

    /** The real Ditto client on the platform's {@code /ws/2}, signed in with {@code token} (HTTP Basic). */
    static DittoClient connect(TestPlatform p, String token) throws Exception {
        return DittoClients.newInstance(MessagingProviders.webSocket(
                        WebSocketMessagingConfiguration.newBuilder()
                                .endpoint("ws://127.0.0.1:" + p.platform.httpPort())
                                .jsonSchemaVersion(JsonSchemaVersion.V_2).build(),
                        AuthenticationProviders.basic(BasicAuthenticationConfiguration.newBuilder()
                                .username("client").password(token).build())))
                .connect().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
