package io.parkops.rules.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.parkops.rules.engine.AlertBook;
import io.parkops.rules.engine.Level;
import io.parkops.rules.engine.Rule;
import io.parkops.rules.engine.condition.Compare;
import io.parkops.rules.engine.RuleOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertStoreTest {

    private static final Rule HOT = new Rule("hot", null, "iaq-sensor", null, null, null, "Too hot",
            List.of(Level.immediate(Severity.MAJOR, Compare.of("environment.temperature", Compare.Kind.ABOVE, 28))));

    private final AtomicInteger ids = new AtomicInteger();
    private final AlertStore store = new AlertStore(new AlertBook(100, () -> "a" + ids.incrementAndGet()));

    @Test
    void listsNewestRaisedFirstAndFilters() {
        store.record(List.of(breach("nanan", "d1")), 100);
        store.record(List.of(breach("xinshengli", "d2")), 300);
        store.record(List.of(breach("nanan", "d3")), 200);
        store.acknowledge("a1", "crew", null, 400);

        assertThat(store.list(AlertFilter.ALL)).extracting(Alert::id).containsExactly("a2", "a3", "a1");
        assertThat(store.list(AlertFilter.parse(null, "nanan", null))).extracting(Alert::id).containsExactly("a3", "a1");
        assertThat(store.list(AlertFilter.parse("ACTIVE_ACK", null, null))).extracting(Alert::id).containsExactly("a1");
        assertThat(store.list(AlertFilter.parse(null, null, "critical"))).isEmpty();
        assertThat(store.get("a1")).map(Alert::state).contains(AlertState.ACTIVE_ACK);
    }

    private static RuleOutcome breach(String tenant, String deviceId) {
        Device device = new Device(ThingId.of(tenant, deviceId), "iaq-sensor", Map.of());
        return new RuleOutcome(HOT, device, Severity.MAJOR, 30, 28, "Too hot", 0);
    }
}
