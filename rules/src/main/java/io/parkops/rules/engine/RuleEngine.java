package io.parkops.rules.engine;

import io.parkops.model.TwinChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates a {@link RuleSet} against twin changes. Stateless and pure: the alert lifecycle (what a
 * breach means over time) lives in {@link AlertBook}.
 */
public final class RuleEngine {

    /** Rules by device type, so a change only meets the rules that can apply to it. */
    private final Map<String, List<ThresholdRule>> rulesByType;

    public RuleEngine(RuleSet rules) {
        this.rulesByType = rules.rules().stream()
                .collect(Collectors.groupingBy(ThresholdRule::deviceType, Collectors.toUnmodifiableList()));
    }

    /**
     * The outcome of every rule that applies to the change's device and whose property the change
     * sets with a number. Non-numeric and non-finite values are skipped: they say nothing about a
     * threshold, and treating them as "not breached" would clear alerts wrongly.
     */
    public List<RuleOutcome> evaluate(TwinChange change) {
        List<ThresholdRule> candidates = rulesByType.getOrDefault(change.device().typeId(), List.of());
        List<RuleOutcome> outcomes = new ArrayList<>(candidates.size());
        for (ThresholdRule rule : candidates) {
            if (!rule.appliesTo(change.device())) {
                continue;
            }
            Object raw = change.value(rule.feature(), rule.property());
            if (raw instanceof Number number && Double.isFinite(number.doubleValue())) {
                double value = number.doubleValue();
                outcomes.add(new RuleOutcome(rule, change.device(), value, rule.isBreachedBy(value), change.timestamp()));
            }
        }
        return outcomes;
    }
}
