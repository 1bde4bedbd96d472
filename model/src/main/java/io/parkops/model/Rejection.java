package io.parkops.model;

/**
 * Why an ingress adapter refused a message. The protocol edge turns the reason into a CoAP
 * response code or an MQTT reason; everything behind the edge only sees this value.
 */
public enum Rejection {
    /** The payload is not what the content format promises (diagnostic text says what is wrong). */
    MALFORMED("malformed"),
    /** The tenant is not known to the registry. */
    UNKNOWN_TENANT("unknown_tenant"),
    /** The device is not provisioned. */
    UNKNOWN_DEVICE("unknown_device"),
    /** The path or topic does not follow the contract. */
    BAD_ADDRESS("bad_address"),
    /** The payload is larger than the configured limit. */
    TOO_LARGE("too_large"),
    /** The content format is not supported. */
    UNSUPPORTED_FORMAT("unsupported_format"),
    /** The platform cannot take more right now. */
    OVERLOADED("overloaded"),
    /** The device sends faster than its per-device rate limit allows. */
    RATE_LIMITED("rate_limited"),
    /** The message was taken but could not be stored (a full writer queue or spool, a twin update that failed). */
    NOT_STORED("not_stored");

    private final String label;

    Rejection(String label) {
        this.label = label;
    }

    /** Metric label value. */
    public String label() {
        return label;
    }

    /**
     * Whether the same message may be taken if sent again later: the platform, not the message,
     * was the reason. Such a message must never be acknowledged, so the device keeps it.
     */
    public boolean isTransient() {
        return this == OVERLOADED || this == RATE_LIMITED || this == NOT_STORED;
    }
}
