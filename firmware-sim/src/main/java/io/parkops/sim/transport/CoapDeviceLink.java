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

    CoapDeviceLink(Endpoint endpoint, String host, int port, SimDevice device) {
        this.client = new CoapClient(telemetryUri(host, port, device));
        this.client.setEndpoint(endpoint);
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

    @Override
    public Future<Void> close() {
        client.shutdown();
        return Future.succeededFuture();
    }
}
