package io.parkops.adapters.coap;

import java.time.Duration;

/**
 * CoAP ingress settings, every default here.
 *
 * @param bindAddress           interface to listen on
 * @param port                  UDP port ({@code PARKOPS_COAP_PORT}); 0 picks a free one
 * @param deduplication         how long a confirmable request is remembered to answer its retransmissions
 *                              ({@code PARKOPS_COAP_DEDUPLICATION_SECONDS}); see {@link CoapIngressVerticle#boundDeduplication}
 * @param deduplicatedPerDevice at most this many requests remembered per device address
 *                              ({@code PARKOPS_COAP_DEDUPLICATED_PER_DEVICE})
 * @param separateAckAfter      a confirmable request whose answer has not come this long gets an empty ACK first
 *                              ({@code PARKOPS_COAP_SEPARATE_ACK_MILLIS}); see {@link SlowAnswers}
 */
public record CoapIngressConfig(String bindAddress, int port, Duration deduplication, int deduplicatedPerDevice,
                                Duration separateAckAfter) {

    /** A device retransmits within MAX_TRANSMIT_SPAN, 45 s with RFC 7252's timers. */
    public static final Duration DEFAULT_DEDUPLICATION = Duration.ofSeconds(60);
    public static final int DEFAULT_DEDUPLICATED_PER_DEVICE = 32;
    /** Half of RFC 7252's ACK_TIMEOUT (2 s): answered before the device's first retransmission. */
    public static final Duration DEFAULT_SEPARATE_ACK_AFTER = Duration.ofMillis(1000);

    public CoapIngressConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PARKOPS_COAP_PORT must be 0..65535, was " + port);
        }
        if (deduplication.toSeconds() < 1) {
            throw new IllegalArgumentException("PARKOPS_COAP_DEDUPLICATION_SECONDS must be at least 1, was " + deduplication.toSeconds());
        }
        if (deduplicatedPerDevice < 1) {
            throw new IllegalArgumentException("PARKOPS_COAP_DEDUPLICATED_PER_DEVICE must be at least 1, was " + deduplicatedPerDevice);
        }
        if (separateAckAfter.isNegative()) {
            throw new IllegalArgumentException("PARKOPS_COAP_SEPARATE_ACK_MILLIS must be 0 or more, was " + separateAckAfter.toMillis());
        }
    }

    /** The defaults for everything but the address. */
    public CoapIngressConfig(String bindAddress, int port) {
        this(bindAddress, port, DEFAULT_DEDUPLICATION, DEFAULT_DEDUPLICATED_PER_DEVICE, DEFAULT_SEPARATE_ACK_AFTER);
    }
}
