package io.parkops.rules.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressorTest {

    private static final Device ONT = new Device(ThingId.of("nanan", "ont-1"), "ont", Map.of("building", "b1"));
    private static final Device CHILD = new Device(ThingId.of("nanan", "iaq-1"), "iaq-sensor",
            Map.of("building", "b1", "zone", "3-east", "parent", "ont-1"));

    private static Alert alert(String id, Device device, Severity severity) {
        return new Alert(id, device, "r", severity, AlertState.ACTIVE_UNACK, 1, 1, "m", 0, 0, null, null);
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void oneOffWindowByZone() {
        List<MaintenanceWindow> windows = MaintenanceWindows.parse("""
                {"windows": [{"id": "mw-1", "tenant": "nanan", "zone": "3-east",
                  "from": "2026-12-01T01:00:00Z", "to": "2026-12-01T03:00:00Z"}]}""", "maintenance.json");
        Suppressor s = new Suppressor(() -> windows);
        Alert a = alert("a", CHILD, Severity.WARNING);
        assertThat(s.reason(a, at("2026-12-01T00:59:59Z"), List.of())).isNull();
        assertThat(s.reason(a, at("2026-12-01T01:00:00Z"), List.of())).isEqualTo("maintenance:mw-1");
        assertThat(s.reason(a, at("2026-12-01T03:00:00Z"), List.of())).isNull();
        assertThat(s.reason(alert("b", ONT, Severity.WARNING), at("2026-12-01T02:00:00Z"), List.of())).isNull();
    }

    @Test
    void weeklyWindowPastMidnightInTheSiteTimeZone() {
        List<MaintenanceWindow> windows = MaintenanceWindows.parse("""
                {"windows": [{"id": "sat-night", "tenant": "nanan", "building": "b1",
                  "weekly": {"days": ["SAT"], "from": "22:00", "to": "02:00", "timeZone": "Asia/Shanghai"}}]}""", "m");
        Suppressor s = new Suppressor(() -> windows);
        Alert a = alert("a", CHILD, Severity.WARNING);
        // 2026-12-05 is a Saturday; 22:30 in Shanghai is 14:30 UTC
        assertThat(s.reason(a, at("2026-12-05T14:30:00Z"), List.of())).isEqualTo("maintenance:sat-night");
        assertThat(s.reason(a, at("2026-12-05T17:30:00Z"), List.of())).as("Sunday 01:30").isEqualTo("maintenance:sat-night");
        assertThat(s.reason(a, at("2026-12-05T18:30:00Z"), List.of())).as("Sunday 02:30").isNull();
        assertThat(s.reason(a, at("2026-12-04T14:30:00Z"), List.of())).as("Friday 22:30").isNull();
    }

    @Test
    void parentWithAnActiveCriticalAlert() {
        Suppressor s = new Suppressor(List::of);
        Alert child = alert("c", CHILD, Severity.WARNING);
        assertThat(s.reason(child, 0, List.of(alert("p", ONT, Severity.MAJOR)))).isNull();
        assertThat(s.reason(child, 0, List.of(alert("p", ONT, Severity.CRITICAL)))).isEqualTo("parent:p");
        assertThat(s.reason(child, 0, List.of(alert("p", ONT, Severity.CRITICAL).cleared(1, 1)))).isNull();
    }

    @Test
    void badWindowsAreNamed() {
        assertThatThrownBy(() -> MaintenanceWindows.parse("""
                {"windows": [{"id": "w", "tenant": "nanan", "from": "2026-12-01T03:00:00Z", "to": "2026-12-01T01:00:00Z"}]}""",
                "maintenance.json")).hasMessageContaining("maintenance.json: windows[0]: window 'w': field 'to' must be after 'from'");
        assertThatThrownBy(() -> MaintenanceWindows.parse("""
                {"windows": [{"id": "w", "tenant": "nanan", "weekly": {"days": ["XYZ"], "from": "1:00", "to": "2:00"}}]}""",
                "m")).hasMessageContaining("weekly.days");
    }
}
