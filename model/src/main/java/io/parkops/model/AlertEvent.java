package io.parkops.model;

/**
 * One entry of an alert's history: what happened to it, when, and (for acts of a person) who.
 *
 * @param at       epoch ms of the change
 * @param kind     what happened
 * @param severity the alert's severity after the change
 * @param value    the value that caused the change (NaN for acts of a person)
 * @param by       who acted (ack, clear by hand), or null for the rule engine
 * @param note     the note given with the act, or a reason such as the suppressing alert, or null
 */
public record AlertEvent(long at, Kind kind, Severity severity, double value, String by, String note) {

    /** The kinds of change an alert goes through. */
    public enum Kind {
        RAISED, ESCALATED, DEESCALATED, ACKNOWLEDGED, CLEARED, CLEARED_BY_HAND, SUPPRESSED, UNSUPPRESSED
    }
}
