package io.parkops.model;

import java.util.Objects;

/**
 * One alert: at most one open alert exists per (thing, rule). Immutable; every transition makes
 * a new instance with the same id.
 *
 * @param id        stable alert id
 * @param device    the device the alert is about
 * @param ruleId    the rule that raised it
 * @param severity  current severity
 * @param state     lifecycle state
 * @param value     the value that caused the latest transition
 * @param threshold the threshold it was compared with
 * @param message   human-readable text for the crew
 * @param raisedAt  epoch ms when raised
 * @param updatedAt epoch ms of the latest transition
 * @param ackedBy   who acknowledged it, or null
 * @param ackNote   the note given with the acknowledgement, or null
 */
public record Alert(String id, Device device, String ruleId, Severity severity, AlertState state, double value,
                    double threshold, String message, long raisedAt, long updatedAt, String ackedBy, String ackNote) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
    }

    public ThingId thingId() {
        return device.id();
    }

    public Alert withState(AlertState newState, long at) {
        return new Alert(id, device, ruleId, severity, newState, value, threshold, message, raisedAt, at, ackedBy, ackNote);
    }

    public Alert cleared(double clearValue, long at) {
        return new Alert(id, device, ruleId, severity, state.cleared(), clearValue, threshold, message, raisedAt, at,
                ackedBy, ackNote);
    }

    public Alert acknowledged(String by, String note, long at) {
        return new Alert(id, device, ruleId, severity, state.acknowledged(), value, threshold, message, raisedAt, at,
                by, note);
    }
}
