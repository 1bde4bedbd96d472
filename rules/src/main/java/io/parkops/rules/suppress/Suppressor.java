package io.parkops.rules.suppress;

import io.parkops.model.Alert;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides whether an active alert is notified or only recorded. Pure: time and the active alerts
 * are passed in.
 *
 * <ul>
 *   <li>{@code maintenance:<window id>} while a maintenance window covering the device is open;</li>
 *   <li>{@code parent:<alert id>} while the device's {@code parent} (an ONT, a gateway, an HVAC plant;
 *       a device id of the same tenant or a Ditto thing id) has an active critical alert: the
 *       children's alerts are consequences of it.</li>
 * </ul>
 * When the reason goes away (the window closes, the parent's alert clears) and the alert is still
 * active, it is notified then: it outlived the cause.
 */
public final class Suppressor {

    public static final String MAINTENANCE = "maintenance:";
    public static final String PARENT = "parent:";

    private final Supplier<List<MaintenanceWindow>> windows;

    public Suppressor(Supplier<List<MaintenanceWindow>> windows) {
        this.windows = windows;
    }

    /** Why this alert should be suppressed at {@code now}, or null when it should be notified. */
    public String reason(Alert alert, long now, Collection<Alert> active) {
        for (MaintenanceWindow w : windows.get()) {
            if (w.covers(alert.device()) && w.isOpenAt(now)) {
                return MAINTENANCE + w.id();
            }
        }
        ThingId parent = parentOf(alert);
        if (parent != null) {
            for (Alert other : active) {
                if (other.thingId().equals(parent) && other.severity() == Severity.CRITICAL && other.state().isActive()) {
                    return PARENT + other.id();
                }
            }
        }
        return null;
    }

    private static ThingId parentOf(Alert alert) {
        String parent = alert.device().attribute(io.parkops.model.Device.PARENT);
        if (parent == null || parent.isBlank()) {
            return null;
        }
        try {
            return parent.contains(":") ? ThingId.parseDitto(parent) : ThingId.of(alert.thingId().tenant(), parent);
        } catch (IllegalArgumentException e) {
            return null; // a malformed parent attribute suppresses nothing
        }
    }
}
