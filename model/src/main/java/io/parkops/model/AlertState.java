package io.parkops.model;

/** ThingsBoard-compatible alert states: active or cleared, acknowledged or not. */
public enum AlertState {
    ACTIVE_UNACK, ACTIVE_ACK, CLEARED_UNACK, CLEARED_ACK;

    public boolean isActive() {
        return this == ACTIVE_UNACK || this == ACTIVE_ACK;
    }

    public boolean isAcknowledged() {
        return this == ACTIVE_ACK || this == CLEARED_ACK;
    }

    public AlertState acknowledged() {
        return isActive() ? ACTIVE_ACK : CLEARED_ACK;
    }

    public AlertState cleared() {
        return isAcknowledged() ? CLEARED_ACK : CLEARED_UNACK;
    }
}
