package io.parkops.sim;

import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * A real Californium server on ephemeral loopback UDP ports, taking POSTs under
 * {@code /telemetry/{tenant}/{deviceId}} and answering with the code the test chooses. With
 * {@link #withDtls} it also serves CoAPS through Scandium with an in-memory PSK store, where an
 * authenticated device may post to the short {@code /telemetry}; such a report is recorded
 * under the long path of the PSK identity {@code {deviceId}@{tenant}}.
 */
final class TelemetryCoapServer implements AutoCloseable {

    record Received(String path, int contentFormat, String payload, boolean secure) {
        JsonObject json() {
            return new JsonObject(payload);
        }
    }

    private final CoapServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseFirst = new AtomicInteger();
    private volatile ResponseCode answer = ResponseCode.CHANGED;
    private volatile ResponseCode refusal;
    private volatile long refusalMaxAge = -1;
    private CoapEndpoint secureEndpoint;

    TelemetryCoapServer() {
        this(List.of());
    }

    private TelemetryCoapServer(Collection<SimDevice> pskDevices) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        if (!pskDevices.isEmpty()) {
            AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
            pskDevices.forEach(d -> keys.setKey(d.authId(), d.psk().getBytes(StandardCharsets.UTF_8)));
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                    .setAddress(new InetSocketAddress("127.0.0.1", 0))
                    .setAdvancedPskStore(keys)
                    .build();
            secureEndpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
            server.addEndpoint(secureEndpoint);
        }
        server.add(new TelemetryResource());
        server.start();
    }

    /** Also serves CoAPS, knowing the keys of these devices. */
    static TelemetryCoapServer withDtls(Collection<SimDevice> devices) {
        return new TelemetryCoapServer(devices);
    }

    int port() {
        return server.getEndpoints().get(0).getAddress().getPort();
    }

    int securePort() {
        return secureEndpoint.getAddress().getPort();
    }

    TelemetryCoapServer answering(ResponseCode code) {
        this.answer = code;
        return this;
    }

    /** Refuses the first {@code count} requests with {@code code} and Max-Age (when not negative), then answers as before. */
    TelemetryCoapServer refusingFirst(int count, ResponseCode code, long maxAgeSeconds) {
        this.refusal = code;
        this.refusalMaxAge = maxAgeSeconds;
        this.refuseFirst.set(count);
        return this;
    }

    List<Received> received() {
        return received;
    }

    /** The payloads refused by {@link #refusingFirst}, in order. */
    List<String> refused() {
        return refused;
    }

    @Override
    public void close() {
        server.destroy();
    }

    /** One resource for the whole subtree: the tenant and device come from the path or the PSK identity. */
    private final class TelemetryResource extends CoapResource {

        TelemetryResource() {
            super("telemetry");
        }

        @Override
        public Resource getChild(String name) {
            return this;
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            if (refuseFirst.getAndDecrement() > 0) {
                Response response = new Response(refusal);
                if (refusalMaxAge >= 0) {
                    response.getOptions().setMaxAge(refusalMaxAge);
                }
                refused.add(exchange.getRequestText());
                exchange.respond(response);
                return;
            }
            String path = exchange.getRequestOptions().getUriPathString();
            Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
            if (peer != null && path.equals("telemetry")) {
                String[] identity = peer.getName().split("@", 2);
                path = "telemetry/" + identity[1] + '/' + identity[0];
            }
            received.add(new Received(path, exchange.getRequestOptions().getContentFormat(), exchange.getRequestText(), peer != null));
            exchange.respond(answer);
        }
    }
}
