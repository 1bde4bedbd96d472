package io.parkops.adapters.coap;

/**
 * CoAP ingress settings.
 *
 * @param bindAddress interface to listen on
 * @param port        UDP port ({@code PARKOPS_COAP_PORT}); 0 picks a free one
 */
public record CoapIngressConfig(String bindAddress, int port) {

    public CoapIngressConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PARKOPS_COAP_PORT must be 0..65535, was " + port);
        }
    }
}
