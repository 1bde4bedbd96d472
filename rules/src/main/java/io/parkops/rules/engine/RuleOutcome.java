package io.parkops.rules.engine;

import io.parkops.model.Device;
import io.parkops.model.Severity;

/**
 * The engine's verdict that the alert of one rule on one twin must change: raised or moved to
 * {@code severity}, or cleared when {@code severity} is null.
 *
 * @param value     the value that decided (NaN when none)
 * @param threshold the limit it was held against (NaN when none)
 * @param at        epoch ms of the evaluation
 */
public record RuleOutcome(Rule rule, Device device, Severity severity, double value, double threshold, String message,
                          long at) {

    public boolean clears() {
        return severity == null;
    }
}
