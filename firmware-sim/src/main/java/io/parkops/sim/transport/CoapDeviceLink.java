package io.parkops.sim.transport;

import io.parkops.model.Channel;
import io.parkops.sim.SimDevice;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.Endpoint;

/**
 * A device that POSTs JSON to {@code /telemetry/{tenant}/{deviceId}} (the contract's
 * unauthenticated CoAP path), or to the short {@code /telemetry} inside its own DTLS session,
 * and counts only 2.04 Changed as accepted.
 */
final class CoapDeviceLink implements DeviceLink {

    private final CoapClient client;
    private final Endpoint endpoint;
    private final String scheme;
    private final String host;
    private final int port;
    private final String devicePath;
    private final Runnable onClose;
    private volatile CommandHandler commands;

    /** Plain CoAP: the device names itself in the path, {@code /telemetry/{tenant}/{deviceId}}. */
    CoapDeviceLink(Endpoint endpoint, String host, int port, SimDevice device) {
        this(endpoint, "coap", host, port, '/' + device.tenant() + '/' + device.deviceId(), () -> { });
    }

    /**
     * @param devicePath {@code /{tenant}/{deviceId}}, or empty for the short paths of an authenticated (DTLS) session
     * @param onClose    releases what the link owns, e.g. its own DTLS endpoint
     */
    CoapDeviceLink(Endpoint endpoint, String scheme, String host, int port, String devicePath, Runnable onClose) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.devicePath = devicePath;
        this.onClose = onClose;
        this.client = new CoapClient(uri("/" + Channel.TELEMETRY.pathSegment() + devicePath, null));
        this.client.setEndpoint(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void onCommand(CommandHandler handler) {
        this.commands = handler;
    }

    private URI uri(String path, String query) {
        try {
            return new URI(scheme, null, host, port, path, query, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("CoAP host '" + host + "' does not form a URI: " + e.getMessage(), e);
        }
    }

    @Override
    public Future<Void> open() {
        return Future.succeededFuture();
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public Future<Void> sendTelemetry(byte[] json) {
        Promise<Void> accepted = Promise.promise();
        client.post(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (CoapAnswers.complete(response, accepted)) {
                    CoapCommands.obey(response, commands, (reqId, status) -> answer(reqId, status));
                }
            }

            @Override
            public void onError() {
                accepted.tryFail(new java.util.concurrent.TimeoutException("CoAP request to " + client.getURI() + " timed out or failed"));
            }
        }, json, MediaTypeRegistry.APPLICATION_JSON);
        return accepted.future();
    }

    /** Posts the answer to {@code /command/res[/{tenant}/{deviceId}]/{reqId}?hono-cmd-status={status}}. */
    private void answer(String reqId, int status) {
        CoapClient answer = new CoapClient(uri("/command/res" + devicePath + '/' + reqId, "hono-cmd-status=" + status));
        answer.setEndpoint(endpoint);
        answer.post(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                answer.shutdown();
            }

            @Override
            public void onError() {
                answer.shutdown();
            }
        }, new byte[0], MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public Future<Void> close() {
        client.shutdown();
        onClose.run();
        return Future.succeededFuture();
    }
}
