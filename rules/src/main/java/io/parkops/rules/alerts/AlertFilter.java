package io.parkops.rules.alerts;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which alerts a query wants. Every criterion is optional ({@code null} or empty = any).
 *
 * <p>{@code state} accepts the four states ({@code ACTIVE_UNACK}, {@code ACTIVE_ACK},
 * {@code CLEARED_UNACK}, {@code CLEARED_ACK}) and ThingsBoard's search groups {@code ACTIVE},
 * {@code CLEARED}, {@code ACK}, {@code UNACK}, {@code ANY}, in any case.
 *
 * @param states   the states wanted (never empty; all states when no filter)
 * @param tenant   the tenant, or null for all
 * @param severity the severity, or null for all
 */
public record AlertFilter(Set<AlertState> states, String tenant, Severity severity) {

    public static final AlertFilter ALL = new AlertFilter(EnumSet.allOf(AlertState.class), null, null);

    public AlertFilter {
        states = states == null || states.isEmpty() ? EnumSet.allOf(AlertState.class) : EnumSet.copyOf(states);
    }

    /**
     * Parses query parameters; blank means "any". Throws {@link IllegalArgumentException} whose
     * message names the parameter and the accepted values.
     */
    public static AlertFilter parse(String state, String tenant, String severity) {
        return new AlertFilter(parseStates(state), parseTenant(tenant), parseSeverity(severity));
    }

    public boolean matches(Alert alert) {
        return states.contains(alert.state())
                && (tenant == null || tenant.equals(alert.thingId().tenant()))
                && (severity == null || severity == alert.severity());
    }

    @Override
    public Set<AlertState> states() {
        return EnumSet.copyOf(states);
    }

    private static Set<AlertState> parseStates(String text) {
        if (isBlank(text)) {
            return EnumSet.allOf(AlertState.class);
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ANY" -> EnumSet.allOf(AlertState.class);
            case "ACTIVE" -> EnumSet.of(AlertState.ACTIVE_UNACK, AlertState.ACTIVE_ACK);
            case "CLEARED" -> EnumSet.of(AlertState.CLEARED_UNACK, AlertState.CLEARED_ACK);
            case "ACK" -> EnumSet.of(AlertState.ACTIVE_ACK, AlertState.CLEARED_ACK);
            case "UNACK" -> EnumSet.of(AlertState.ACTIVE_UNACK, AlertState.CLEARED_UNACK);
            default -> {
                try {
                    yield EnumSet.of(AlertState.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("query parameter 'state' must be one of ACTIVE_UNACK, ACTIVE_ACK, "
                            + "CLEARED_UNACK, CLEARED_ACK, ACTIVE, CLEARED, ACK, UNACK, ANY; got '" + text + "'");
                }
            }
        };
    }

    private static String parseTenant(String text) {
        if (isBlank(text)) {
            return null;
        }
        if (!ThingId.isValidTenant(text)) {
            throw new IllegalArgumentException("query parameter 'tenant' must match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*, got '" + text + "'");
        }
        return text;
    }

    private static Severity parseSeverity(String text) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("query parameter 'severity' must be one of warning, major, critical; got '"
                    + text + "'");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
