package io.parkops.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.Severity;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    @Test
    void aboveIsStrict() {
        assertThat(Fixtures.CO2_HIGH.isBreachedBy(1000.0)).isFalse();
        assertThat(Fixtures.CO2_HIGH.isBreachedBy(1000.5)).isTrue();
    }

    @Test
    void belowIsStrict() {
        assertThat(Fixtures.VOLTAGE_LOW.isBreachedBy(207)).isFalse();
        assertThat(Fixtures.VOLTAGE_LOW.isBreachedBy(206.9)).isTrue();
        assertThat(Fixtures.VOLTAGE_LOW.isBreachedBy(230)).isFalse();
    }

    @Test
    void appliesOnlyToItsTypeAndTenant() {
        ThresholdRule nananOnly = new ThresholdRule("x", "nanan", "iaq-sensor", "environment", "co2",
                Operator.ABOVE, 1, Severity.WARNING, "m");
        assertThat(nananOnly.appliesTo(Fixtures.iaq("nanan", "a"))).isTrue();
        assertThat(nananOnly.appliesTo(Fixtures.iaq("xinshengli", "a"))).isFalse();
        assertThat(nananOnly.appliesTo(Fixtures.meter("nanan", "a"))).isFalse();
        assertThat(Fixtures.CO2_HIGH.appliesTo(Fixtures.iaq("xinshengli", "a"))).isTrue();
    }

    @Test
    void rejectsBadIdNamingTheField() {
        assertThatThrownBy(() -> rule("Bad Id", null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'id'");
    }

    @Test
    void rejectsBadTenantNamingTheField() {
        assertThatThrownBy(() -> rule("r", "Nanan", 1)).hasMessageContaining("rule 'r': field 'tenant'");
    }

    @Test
    void rejectsNonFiniteThresholdNamingTheField() {
        assertThatThrownBy(() -> rule("r", null, Double.NaN)).hasMessageContaining("field 'threshold'");
    }

    @Test
    void rejectsBlankFieldsNamingThem() {
        assertThatThrownBy(() -> new ThresholdRule("r", null, " ", "f", "p", Operator.ABOVE, 1, Severity.MAJOR, "m"))
                .hasMessageContaining("field 'deviceType'");
        assertThatThrownBy(() -> new ThresholdRule("r", null, "t", "f", "p", null, 1, Severity.MAJOR, "m"))
                .hasMessageContaining("field 'operator'");
        assertThatThrownBy(() -> new ThresholdRule("r", null, "t", "f", "p", Operator.ABOVE, 1, null, "m"))
                .hasMessageContaining("field 'severity'");
        assertThatThrownBy(() -> new ThresholdRule("r", null, "t", "f", "p", Operator.ABOVE, 1, Severity.MAJOR, ""))
                .hasMessageContaining("field 'message'");
    }

    private static ThresholdRule rule(String id, String tenant, double threshold) {
        return new ThresholdRule(id, tenant, "iaq-sensor", "environment", "co2", Operator.ABOVE, threshold,
                Severity.WARNING, "m");
    }
}
