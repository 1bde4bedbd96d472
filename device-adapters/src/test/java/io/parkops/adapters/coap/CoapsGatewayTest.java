package io.parkops.adapters.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.adapters.ingest.IngestMetrics;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.registry.GatewayFixture;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.model.Channel;
import io.parkops.adapters.ingest.HandOff;
import io.parkops.model.Addresses;
import io.parkops.model.Telemetry;
import io.parkops.model.bus.LocalCodec;
import io.vertx.core.Vertx;
import io.parkops.testing.ExternalCommand;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CoAPS edge with a gateway-aware {@link CoapAccess}, over a real DTLS handshake with libcoap's
 * {@code coap-client-openssl}: the telemetry resource writes for the device the long path names
 * when that device names the signed-in gateway in {@code via}. The server is put together here as
 * {@code CoapIngressVerticle} does it; the platform gets the same once the verticle hands the
 * registry to {@code CoapAccess} (docs/operations.md#gateways).
 */
@Timeout(60)
class CoapsGatewayTest {

    private static final Duration CLIENT = Duration.ofSeconds(20);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Telemetry> written = new CopyOnWriteArrayList<>();
    private CoapServer server;
    private Vertx vertx;
    private int port;

    @BeforeEach
    void startCoapsServer() {
        assumeTrue(ExternalCommand.available("coap-client-openssl"), "libcoap3-bin's coap-client-openssl is not installed");
        DeviceRegistry registry = GatewayFixture.registry();
        DeviceAuthMetrics auth = new DeviceAuthMetrics(meters);
        TelemetryIngest ingest = new TelemetryIngest(registry, DeviceTypeCatalog.builtin(), new IngestMetrics(meters), 65536);
        Configuration cfg = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(cfg)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new RegistryPskStore(registry, auth))
                .build();
        CoapEndpoint secure = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(new DTLSConnector(dtls)).build();
        server = new CoapServer(cfg);
        server.addEndpoint(secure);
        CoapAccess access = new CoapAccess(false, () -> port, auth, registry);
        // stored at once: this test is about who may write, the durability path has its own tests
        vertx = Vertx.vertx();
        LocalCodec.registerAll(vertx);
        vertx.eventBus().<Telemetry>localConsumer(Addresses.TELEMETRY, m -> {
            written.add(m.body());
            m.body().context().stored();
        });
        server.add(new CoapIngressResource(Channel.TELEMETRY, ingest, new HandOff(vertx.getOrCreateContext(), ingest, "test"),
                new SlowAnswers(Duration.ofSeconds(1)), null, access));
        server.start();
        port = secure.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroy();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    void aGatewayPostsOnTheLongPathOfADeviceThatNamesIt() {
        ExternalCommand.Result r = post("/telemetry/nanan/meter-1", "{\"activePower\":12.5}");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContainPattern("(^|\\s)[45]\\.\\d\\d\\b");
        assertThat(written).singleElement().satisfies(t -> {
            assertThat(t.device().id().dittoId()).isEqualTo("nanan:meter-1");
            assertThat(t.features().get("energy")).containsEntry("activePower", 12.5);
        });
    }

    @Test
    void aGatewayGets403ForADeviceThatDoesNotNameIt() {
        ExternalCommand.Result r = post("/telemetry/nanan/m-999", "{\"activePower\":99.5}");
        assertThat(r.output()).contains("4.03").contains("does not name gw-01");
        assertThat(written).isEmpty();
        assertThat(meters.get("parkops.device.denied").tag("reason", "not_behind_gateway").counter().count()).isEqualTo(1);
    }

    private ExternalCommand.Result post(String path, String json) {
        return ExternalCommand.run(CLIENT, "coap-client-openssl", "-m", "post", "-t", "50", "-u", "gw-01@nanan",
                "-k", GatewayFixture.GW_01_PSK, "-e", json, "coaps://127.0.0.1:" + port + path);
    }
}
