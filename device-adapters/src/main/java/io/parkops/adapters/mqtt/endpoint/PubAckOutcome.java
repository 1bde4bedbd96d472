package io.parkops.adapters.mqtt.endpoint;

import io.parkops.adapters.mqtt.PubAckReason;
import io.parkops.model.Rejection;

/**
 * What one PUBLISH ended in, as its PUBACK will say it. MQTT 5 gets the reason code and text;
 * MQTT 3.1.1 has no negative PUBACK, so the {@link Kind} decides: a message that can never be
 * stored gets a plain PUBACK (it was counted), one refused for the platform's sake or for a topic
 * the client may not use closes the connection, never acknowledged.
 */
record PubAckOutcome(Kind kind, PubAckReason reason, String text) {

    enum Kind { STORED, NEVER_STORABLE, TRANSIENT, DENIED, ABANDONED }

    static final PubAckOutcome STORED = new PubAckOutcome(Kind.STORED, null, null);
    /** The connection closed before the message ended: nobody is answered, and the message is not handed on. */
    static final PubAckOutcome ABANDONED = new PubAckOutcome(Kind.ABANDONED, null, null);

    static PubAckOutcome refused(Rejection reason, String text) {
        return new PubAckOutcome(reason.isTransient() ? Kind.TRANSIENT : Kind.NEVER_STORABLE, PubAckReason.of(reason), text);
    }

    /** A topic the client may not publish to (MQTT 5 0x87 "not authorized"). */
    static PubAckOutcome denied(String text) {
        return new PubAckOutcome(Kind.DENIED, PubAckReason.NOT_AUTHORIZED, text);
    }

    /** Whether an MQTT 3.1.1 client is disconnected for it (QoS 1), instead of getting a plain PUBACK. */
    boolean closesV311() {
        return kind == Kind.TRANSIENT || kind == Kind.DENIED;
    }
}
