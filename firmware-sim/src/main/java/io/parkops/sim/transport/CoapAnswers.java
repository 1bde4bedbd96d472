package io.parkops.sim.transport;

import io.vertx.core.Promise;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.OptionSet;

/** Turns a CoAP answer into the outcome of a send: 2.04 accepted, anything else a {@link DeviceLink.RejectedException}. */
final class CoapAnswers {

    private CoapAnswers() {
    }

    /** @return whether the platform accepted the message */
    static boolean complete(CoapResponse response, Promise<Void> accepted) {
        ResponseCode code = response.getCode();
        if (code == ResponseCode.CHANGED) {
            accepted.tryComplete();
            return true;
        }
        OptionSet options = response.getOptions();
        long retryAfter = options.hasMaxAge() ? options.getMaxAge() * 1000 : -1;
        accepted.tryFail(new DeviceLink.RejectedException(code.toString(), "CoAP " + code + " " + response.getResponseText(), retryAfter));
        return false;
    }
}
