package io.parkops.sim;

import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A real Californium server on an ephemeral loopback UDP port, taking POSTs under
 * {@code /telemetry/{tenant}/{deviceId}} and answering with the code the test chooses.
 */
final class TelemetryCoapServer implements AutoCloseable {

    record Received(String path, int contentFormat, String payload) {
        JsonObject json() {
            return new JsonObject(payload);
        }
    }

    private final CoapServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ResponseCode answer = ResponseCode.CHANGED;

    TelemetryCoapServer() {
        CoapConfig.register();
        UdpConfig.register();
        Configuration config = new Configuration();
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        server.add(new TelemetryResource());
        server.start();
    }

    int port() {
        return server.getEndpoints().get(0).getAddress().getPort();
    }

    TelemetryCoapServer answering(ResponseCode code) {
        this.answer = code;
        return this;
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.destroy();
    }

    /** One resource for the whole subtree: the tenant and device come from the path. */
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
            received.add(new Received(exchange.getRequestOptions().getUriPathString(),
                    exchange.getRequestOptions().getContentFormat(), exchange.getRequestText()));
            exchange.respond(answer);
        }
    }
}
