package io.parkops.rules;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.model.AlertState;
import io.parkops.model.Severity;
import io.parkops.rules.alerts.AlertStore;

/**
 * The rules' meters: {@code parkops_rules_evaluation_seconds} (one sample per twin change or
 * timer tick evaluated, so its count is the number of evaluations) and
 * {@code parkops_alerts{state,severity}}, the alerts the store holds now.
 */
final class RulesMetrics {

    final Timer changeEvaluation;
    final Timer tickEvaluation;

    RulesMetrics(MeterRegistry registry, AlertStore store) {
        changeEvaluation = Timer.builder("parkops.rules.evaluation").tag("trigger", "change")
                .description("Time to evaluate the rules for one twin change").register(registry);
        tickEvaluation = Timer.builder("parkops.rules.evaluation").tag("trigger", "timer")
                .description("Time of one timer round (deadman, running durations)").register(registry);
        for (AlertState state : AlertState.values()) {
            for (Severity severity : Severity.values()) {
                Gauge.builder("parkops.alerts", store, s -> s.count(state, severity))
                        .tag("state", state.name()).tag("severity", severity.label())
                        .description("Alerts held now, by state and severity").register(registry);
            }
        }
    }

    /** Meters nobody reads, for a verticle built without a registry (tests, tools). */
    static RulesMetrics unregistered(AlertStore store) {
        return new RulesMetrics(new SimpleMeterRegistry(), store);
    }
}
