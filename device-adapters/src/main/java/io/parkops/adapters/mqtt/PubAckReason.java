package io.parkops.adapters.mqtt;

import io.parkops.model.Rejection;

/**
 * The MQTT 5 PUBACK reason code a refused message gets, the one mapping from {@link Rejection} for
 * both ways devices come in: the embedded broker's intake and the Vert.x device endpoint. The names
 * are the specification's (and HiveMQ's and Vert.x's enums use the same names).
 */
public enum PubAckReason {
    UNSPECIFIED_ERROR(0x80), NOT_AUTHORIZED(0x87), TOPIC_NAME_INVALID(0x90), QUOTA_EXCEEDED(0x97), PAYLOAD_FORMAT_INVALID(0x99);

    private final int code;

    PubAckReason(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public byte code() {
        return (byte) code;
    }

    public static PubAckReason of(Rejection reason) {
        return switch (reason) {
            case MALFORMED, TOO_LARGE, UNSUPPORTED_FORMAT -> PAYLOAD_FORMAT_INVALID;
            case BAD_ADDRESS -> TOPIC_NAME_INVALID;
            case UNKNOWN_TENANT, UNKNOWN_DEVICE -> NOT_AUTHORIZED;
            case OVERLOADED, RATE_LIMITED -> QUOTA_EXCEEDED;
            case NOT_STORED -> UNSPECIFIED_ERROR;
        };
    }
}
