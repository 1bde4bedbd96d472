package io.parkops.adapters.coap;

import io.parkops.model.Rejection;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** Maps ingress rejections onto the CoAP response codes of the contract. */
final class CoapCodes {

    private CoapCodes() {
    }

    static ResponseCode of(Rejection reason) {
        return switch (reason) {
            case MALFORMED, BAD_ADDRESS -> ResponseCode.BAD_REQUEST;
            case UNKNOWN_TENANT, UNKNOWN_DEVICE -> ResponseCode.NOT_FOUND;
            case TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
            case OVERLOADED, NOT_STORED -> ResponseCode.SERVICE_UNAVAILABLE;
            case RATE_LIMITED -> ResponseCode.TOO_MANY_REQUESTS;
        };
    }
}
