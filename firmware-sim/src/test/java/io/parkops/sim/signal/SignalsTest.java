package io.parkops.sim.signal;

import static io.parkops.sim.signal.SignalFixture.SUMMER_MORNING;
import static io.parkops.sim.signal.SignalFixture.run;
import static io.parkops.sim.signal.SignalFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.sim.ContractProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignalsTest {

    private static final Map<String, List<String>> CONTRACT = ContractProperties.BY_TYPE;

    static List<String> types() {
        return Signals.TYPE_IDS;
    }

    @Test
    void simulatesEveryBuiltInType() {
        assertThat(Signals.TYPE_IDS).containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
    }

    @ParameterizedTest
    @MethodSource("types")
    void emitsExactlyTheContractPropertiesWithJsonScalarValues(String type) {
        for (Map<String, Object> sample : run(signal(type, 7), SUMMER_MORNING, 60_000, 24 * 60)) {
            assertThat(sample.keySet()).containsExactlyInAnyOrderElementsOf(CONTRACT.get(type));
            assertThat(sample.values()).allSatisfy(value -> assertThat(value)
                    .isInstanceOfAny(Double.class, Long.class, Boolean.class, String.class));
            assertThat(sample.values()).allSatisfy(value -> {
                if (value instanceof Double d) {
                    assertThat(d).isFinite();
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void sameSeedGivesTheSameSequence(String type) {
        List<Map<String, Object>> first = run(signal(type, 99), SUMMER_MORNING, 5_000, 500);
        List<Map<String, Object>> second = run(signal(type, 99), SUMMER_MORNING, 5_000, 500);
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("types")
    void differentSeedsGiveDifferentDevices(String type) {
        List<Map<String, Object>> a = run(signal(type, 1), SUMMER_MORNING, 60_000, 600);
        List<Map<String, Object>> b = run(signal(type, 2), SUMMER_MORNING, 60_000, 600);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void rejectsAnUnknownTypeNamingTheKnownOnes() {
        assertThatThrownBy(() -> Signals.create("toaster", SignalFixture.context(1, 0, false)))
                .hasMessageContaining("toaster").hasMessageContaining("iaq-sensor");
    }
}
