package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CoAPS load against a real Scandium DTLS server on loopback that knows the bench keys of
 * some devices and records who posted what where: each simulated device signs in with its own
 * PSK identity, posts to the short path with content format 50, and the outcomes map as the
 * report expects.
 */
@Timeout(60)
class CoapsSenderTest {

    /** What the server saw: identity, path, content format, payload. */
    record Seen(String identity, String path, int contentFormat, String payload) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, ResponseCode> answers = new ConcurrentHashMap<>();
    private CoapServer server;

    private int startServer(String... knownDevices) throws IOException {
        Configuration cfg = Configuration.createStandardWithoutFile();
        AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
        for (String device : knownDevices) {
            keys.setKey(DeviceKeys.identity("bench", device), DeviceKeys.keyBytes(device));
        }
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(cfg).set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAddress(new InetSocketAddress("127.0.0.1", 0)).setAdvancedPskStore(keys).build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(new DTLSConnector(dtls)).build();
        server = new CoapServer(cfg);
        server.addEndpoint(endpoint);
        server.add(new CoapResource("telemetry") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                String identity = ((PreSharedKeyIdentity) exchange.advanced().getRequest().getSourceContext().getPeerIdentity()).getIdentity();
                seen.add(new Seen(identity, exchange.getRequestOptions().getUriPathString(), exchange.getRequestOptions().getContentFormat(),
                        exchange.getRequestText()));
                exchange.respond(answers.getOrDefault(identity, ResponseCode.CHANGED));
            }
        });
        server.start();
        return endpoint.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    private static LoadArgs args(int port, int rate, int devices) {
        return new LoadArgs("coaps", "127.0.0.1", port, rate, 1, devices, "bench", "d", 1, 100, 0);
    }

    @Test
    void everyDevicePostsUnderItsOwnIdentityToTheShortPath() throws Exception {
        int port = startServer("d0", "d1", "d2");
        answers.put("d1@bench", ResponseCode.SERVICE_UNAVAILABLE);
        answers.put("d2@bench", ResponseCode.FORBIDDEN);
        List<Sender.Outcome> outcomes = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        Sender.Callback callback = o -> {
            outcomes.add(o);
            done.countDown();
        };
        try (CoapsSender sender = new CoapsSender(args(port, 100, 3), callback)) {
            assertThat(sender.handshakeMillis()).isGreaterThanOrEqualTo(0);
            assertThat(seen).as("signing in writes no telemetry").isEmpty();
            for (int d = 0; d < 3; d++) {
                sender.send(d, ("{\"from\":" + d + "}").getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(sender.refusals()).contains("5.03=1").contains("4.03=1").doesNotContain("2.04");
        }
        assertThat(seen).containsExactlyInAnyOrder(new Seen("d0@bench", "telemetry", 50, "{\"from\":0}"),
                new Seen("d1@bench", "telemetry", 50, "{\"from\":1}"), new Seen("d2@bench", "telemetry", 50, "{\"from\":2}"));
        assertThat(outcomes).containsExactlyInAnyOrder(Sender.Outcome.ACCEPTED, Sender.Outcome.REFUSED, Sender.Outcome.FAILED);
    }

    @Test
    void aDeviceTheServerDoesNotKnowFailsTheSignInByName() throws Exception {
        int port = startServer("d0");
        assertThatThrownBy(() -> new CoapsSender(args(port, 50, 2), o -> { }, 3).close())
                .isInstanceOf(IOException.class).hasMessageContaining("1 of 2 devices").hasMessageContaining("d1@bench")
                .hasMessageNotContaining("d0@bench");
    }

    @Test
    void tooFewDevicesForTheRateIsRefusedBeforeAnySocketOpens() {
        assertThatThrownBy(() -> new CoapsSender(args(5684, 4000, 79), o -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--devices must be at least 80");
        assertThat(CoapsSender.minDevices(4000)).isEqualTo(80);
        assertThat(CoapsSender.minDevices(4001)).isEqualTo(81);
    }

    @Test
    void onlyIngestRefusalsCountAsRefused() {
        assertThat(CoapOutcome.of(ResponseCode.CHANGED)).isEqualTo(Sender.Outcome.ACCEPTED);
        assertThat(CoapOutcome.of(ResponseCode.SERVICE_UNAVAILABLE)).isEqualTo(Sender.Outcome.REFUSED);
        assertThat(CoapOutcome.of(ResponseCode.TOO_MANY_REQUESTS)).isEqualTo(Sender.Outcome.REFUSED);
        assertThat(CoapOutcome.of(ResponseCode.UNAUTHORIZED)).isEqualTo(Sender.Outcome.FAILED);
        assertThat(CoapOutcome.of(ResponseCode.BAD_REQUEST)).isEqualTo(Sender.Outcome.FAILED);
    }

    @Test
    void theBootstrapKeyAndTheClientKeyAreTheSameBytes() {
        assertThat(DeviceKeys.identity("bench", "d7")).isEqualTo("d7@bench");
        assertThat(DeviceKeys.keyBytes("d7")).isEqualTo(DeviceKeys.psk("d7").getBytes(StandardCharsets.UTF_8));
    }
}
