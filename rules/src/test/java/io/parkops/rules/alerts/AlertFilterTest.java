package io.parkops.rules.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.AlertState;
import io.parkops.model.Severity;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    @Test
    void blankParametersMeanAny() {
        assertThat(AlertFilter.parse("", null, " ")).isEqualTo(AlertFilter.ALL);
    }

    @Test
    void acceptsStatesAndGroupsInAnyCase() {
        assertThat(AlertFilter.parse("active_unack", null, null).states()).containsExactly(AlertState.ACTIVE_UNACK);
        assertThat(AlertFilter.parse("Active", null, null).states())
                .containsExactlyInAnyOrder(AlertState.ACTIVE_UNACK, AlertState.ACTIVE_ACK);
        assertThat(AlertFilter.parse("UNACK", null, null).states())
                .containsExactlyInAnyOrder(AlertState.ACTIVE_UNACK, AlertState.CLEARED_UNACK);
    }

    @Test
    void parsesTenantAndSeverity() {
        AlertFilter filter = AlertFilter.parse(null, "north-park", "MAJOR");
        assertThat(filter.tenant()).isEqualTo("north-park");
        assertThat(filter.severity()).isEqualTo(Severity.MAJOR);
    }

    @Test
    void badValuesNameTheParameter() {
        assertThatThrownBy(() -> AlertFilter.parse("open", null, null)).hasMessageContaining("'state'");
        assertThatThrownBy(() -> AlertFilter.parse(null, "North Park", null)).hasMessageContaining("'tenant'");
        assertThatThrownBy(() -> AlertFilter.parse(null, null, "urgent")).hasMessageContaining("'severity'");
    }
}
