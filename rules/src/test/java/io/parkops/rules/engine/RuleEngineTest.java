package io.parkops.rules.engine;

import static io.parkops.rules.engine.Fixtures.change;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.TwinChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private final RuleEngine engine = new RuleEngine(RuleSet.builtin());

    @Test
    void reportsBreachWithValueAndTimestamp() {
        Device iaq = Fixtures.iaq("nanan", "iaq-1");
        List<RuleOutcome> outcomes = engine.evaluate(change(iaq, "environment", "co2", 1200.0, 1_700_000_000_123L));
        assertThat(outcomes).containsExactly(
                new RuleOutcome(Fixtures.CO2_HIGH, iaq, 1200.0, true, 1_700_000_000_123L));
    }

    @Test
    void reportsNonBreachSoAlertsCanClear() {
        List<RuleOutcome> outcomes = engine.evaluate(change(Fixtures.iaq("nanan", "i"), "environment", "co2", 600.0, 1));
        assertThat(outcomes).singleElement().extracting(RuleOutcome::breached).isEqualTo(false);
    }

    @Test
    void ignoresChangesWithoutTheProperty() {
        assertThat(engine.evaluate(change(Fixtures.iaq("nanan", "i"), "environment", "temperature", 40.0, 1))).isEmpty();
    }

    @Test
    void ignoresOtherDeviceTypes() {
        Device weather = new Device(Fixtures.iaq("nanan", "w").id(), "weather-station", Map.of());
        assertThat(engine.evaluate(change(weather, "environment", "co2", 5000.0, 1))).isEmpty();
    }

    @Test
    void evaluatesBothVoltageRulesOnOneValue() {
        List<RuleOutcome> outcomes = engine.evaluate(change(Fixtures.meter("xinshengli", "m1"), "energy", "voltageL1", 200.0, 1));
        assertThat(outcomes).extracting(o -> o.rule().id(), RuleOutcome::breached)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("energy-voltage-high", false),
                        org.assertj.core.groups.Tuple.tuple("energy-voltage-low", true));
    }

    @Test
    void tenantScopedRuleOnlySeesItsTenant() {
        ThresholdRule nanan = new ThresholdRule("nanan-co2", "nanan", "iaq-sensor", "environment", "co2",
                Operator.ABOVE, 800, Severity.MAJOR, "m");
        RuleEngine scoped = new RuleEngine(RuleSet.of(List.of(nanan)));
        assertThat(scoped.evaluate(change(Fixtures.iaq("nanan", "i"), "environment", "co2", 900.0, 1))).hasSize(1);
        assertThat(scoped.evaluate(change(Fixtures.iaq("xinshengli", "i"), "environment", "co2", 900.0, 1))).isEmpty();
    }

    @Test
    void skipsNonNumericAndNonFiniteValues() {
        Device iaq = Fixtures.iaq("nanan", "i");
        assertThat(engine.evaluate(change(iaq, "environment", "co2", "high", 1))).isEmpty();
        assertThat(engine.evaluate(change(iaq, "environment", "co2", true, 1))).isEmpty();
        assertThat(engine.evaluate(change(iaq, "environment", "co2", Double.NaN, 1))).isEmpty();
    }

    @Test
    void acceptsAnyNumberType() {
        TwinChange intValue = change(Fixtures.iaq("nanan", "i"), "environment", "co2", 1500, 1);
        assertThat(engine.evaluate(intValue)).singleElement().extracting(RuleOutcome::value).isEqualTo(1500.0);
    }
}
