package io.parkops.rules.engine;

import io.parkops.model.Device;

/**
 * The verdict of one rule on one value of one twin change.
 *
 * @param rule      the rule that was evaluated
 * @param device    the device whose twin changed
 * @param value     the property value the rule looked at
 * @param breached  whether the value breaches the rule
 * @param timestamp epoch ms of the measurement (the twin change's timestamp)
 */
public record RuleOutcome(ThresholdRule rule, Device device, double value, boolean breached, long timestamp) {
}
