package io.parkops.model;

import java.util.ArrayList;
import java.util.List;
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
 * @param history   every change of the alert with its time, oldest first
 * @param suppressedBy why notifications are held back (a maintenance window id or the parent's
 *                  alert id), or null when the alert is notified
 */
public record Alert(String id, Device device, String ruleId, Severity severity, AlertState state, double value,
                    double threshold, String message, long raisedAt, long updatedAt, String ackedBy, String ackNote,
                    List<AlertEvent> history, String suppressedBy) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        history = List.copyOf(history == null ? List.of() : history);
    }

    /** An alert without history and not suppressed (the walking skeleton's form). */
    public Alert(String id, Device device, String ruleId, Severity severity, AlertState state, double value,
                 double threshold, String message, long raisedAt, long updatedAt, String ackedBy, String ackNote) {
        this(id, device, ruleId, severity, state, value, threshold, message, raisedAt, updatedAt, ackedBy, ackNote,
                List.of(), null);
    }

    public boolean isSuppressed() {
        return suppressedBy != null;
    }

    public ThingId thingId() {
        return device.id();
    }

    public Alert withState(AlertState newState, long at) {
        return new Alert(id, device, ruleId, severity, newState, value, threshold, message, raisedAt, at, ackedBy, ackNote,
                history, suppressedBy);
    }

    /** Cleared by its rule's clear condition. */
    public Alert cleared(double clearValue, long at) {
        return new Alert(id, device, ruleId, severity, state.cleared(), clearValue, threshold, message, raisedAt, at,
                ackedBy, ackNote, append(new AlertEvent(at, AlertEvent.Kind.CLEARED, severity, clearValue, null, null)),
                suppressedBy);
    }

    /** Cleared by a person, whatever the condition says. */
    public Alert clearedBy(String by, String note, long at) {
        return new Alert(id, device, ruleId, severity, state.cleared(), value, threshold, message, raisedAt, at,
                ackedBy, ackNote, append(new AlertEvent(at, AlertEvent.Kind.CLEARED_BY_HAND, severity, Double.NaN, by, note)),
                suppressedBy);
    }

    public Alert acknowledged(String by, String note, long at) {
        return new Alert(id, device, ruleId, severity, state.acknowledged(), value, threshold, message, raisedAt, at,
                by, note, append(new AlertEvent(at, AlertEvent.Kind.ACKNOWLEDGED, severity, Double.NaN, by, note)),
                suppressedBy);
    }

    /**
     * A new severity within the same alert. Escalation makes the alert unacknowledged again (the crew
     * acknowledged a milder problem); de-escalation keeps the acknowledgement.
     */
    public Alert withSeverity(Severity newSeverity, double newValue, double newThreshold, String newMessage, long at) {
        boolean up = newSeverity.compareTo(severity) > 0;
        AlertState newState = up ? AlertState.ACTIVE_UNACK : state;
        AlertEvent.Kind kind = up ? AlertEvent.Kind.ESCALATED : AlertEvent.Kind.DEESCALATED;
        return new Alert(id, device, ruleId, newSeverity, newState, newValue, newThreshold, newMessage, raisedAt, at,
                up ? null : ackedBy, up ? null : ackNote, append(new AlertEvent(at, kind, newSeverity, newValue, null, null)),
                suppressedBy);
    }

    /** Marks the alert suppressed (reason = window id or parent alert id) or, with null, notified again. */
    public Alert withSuppression(String reason, long at) {
        AlertEvent.Kind kind = reason == null ? AlertEvent.Kind.UNSUPPRESSED : AlertEvent.Kind.SUPPRESSED;
        return new Alert(id, device, ruleId, severity, state, value, threshold, message, raisedAt, at, ackedBy, ackNote,
                append(new AlertEvent(at, kind, severity, Double.NaN, null, reason)), reason);
    }

    private List<AlertEvent> append(AlertEvent event) {
        List<AlertEvent> longer = new ArrayList<>(history.size() + 1);
        longer.addAll(history);
        longer.add(event);
        return longer;
    }
}
