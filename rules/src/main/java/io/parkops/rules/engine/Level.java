package io.parkops.rules.engine;

import io.parkops.model.Severity;
import io.parkops.rules.engine.condition.Condition;
import io.parkops.rules.engine.condition.Not;
import java.util.Objects;

/**
 * One severity level of a rule: raised when {@code raise} has held for {@code raiseForMillis},
 * dropped when {@code clear} has held for {@code clearForMillis}. Without an explicit clear
 * condition the level clears as soon as the raise condition is false.
 *
 * @param message text for this level, or null to use the rule's message
 */
public record Level(Severity severity, Condition raise, long raiseForMillis, Condition clear, long clearForMillis,
                    String message) {

    public Level {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(raise, "raise");
        clear = clear == null ? new Not(raise) : clear;
        if (raiseForMillis < 0 || clearForMillis < 0) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static Level immediate(Severity severity, Condition raise) {
        return new Level(severity, raise, 0, null, 0, null);
    }

    boolean timeDependent() {
        return raiseForMillis > 0 || clearForMillis > 0 || raise.timeDependent() || clear.timeDependent();
    }
}
