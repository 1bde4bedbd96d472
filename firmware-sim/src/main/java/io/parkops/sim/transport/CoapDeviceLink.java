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
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.Endpoint;

/**
 * A device that POSTs JSON to {@code /telemetry/{tenant}/{deviceId}} (the contract's
 * unauthenticated CoAP path) and counts only 2.04 Changed as accepted.
 */
final class CoapDeviceLink implements DeviceLink {

    private final CoapClient client;
    private final Endpoint endpoint;
    private final String host;
    private final int port;
    private final SimDevice device;
    private volatile CommandHandler commands;

    CoapDeviceLink(Endpoint endpoint, String host, int port, SimDevice device) {
        this.client = new CoapClient(telemetryUri(host, port, device));
        this.client.setEndpoint(endpoint);
        this.endpoint = endpoint;
        this.host = host;
        this.port = port;
        this.device = device;
    }

    @Override
    public void onCommand(CommandHandler handler) {
        this.commands = handler;
    }

    static URI telemetryUri(String host, int port, SimDevice device) {
        String path = '/' + Channel.TELEMETRY.pathSegment() + '/' + device.tenant() + '/' + device.deviceId();
        try {
            return new URI("coap", null, host, port, path, null, null);
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
                if (response.getCode() == ResponseCode.CHANGED) {
                    accepted.tryComplete();
                    CoapCommands.obey(response, commands, (reqId, status) -> answer(reqId, status));
                } else {
                    accepted.tryFail(new RejectedException("CoAP " + response.getCode() + " " + response.getResponseText()));
                }
            }

            @Override
            public void onError() {
                accepted.tryFail(new RejectedException("CoAP request to " + client.getURI() + " timed out or failed"));
            }
        }, json, MediaTypeRegistry.APPLICATION_JSON);
        return accepted.future();
    }

    /** Posts the answer to {@code /command/res/{tenant}/{deviceId}/{reqId}?hono-cmd-status={status}}. */
    private void answer(String reqId, int status) {
        try {
            URI uri = new URI("coap", null, host, port, "/command/res/" + device.tenant() + '/' + device.deviceId() + '/' + reqId,
                    "hono-cmd-status=" + status, null);
            CoapClient answer = new CoapClient(uri);
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
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Future<Void> close() {
        client.shutdown();
        return Future.succeededFuture();
    }
}
