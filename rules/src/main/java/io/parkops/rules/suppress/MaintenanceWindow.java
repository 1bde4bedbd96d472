package io.parkops.rules.suppress;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A time when alerts of some devices are recorded as suppressed instead of notified: one-off
 * ({@code from}..{@code to}) or weekly ({@code days} between {@code dailyFrom} and {@code dailyTo}
 * in {@code zone}; a window whose end is before its start runs past midnight). Scoped to a tenant
 * and to thing ids, a building and/or a zone (all given must match; none = the whole tenant).
 */
public record MaintenanceWindow(String id, String tenant, Set<String> things, String building, String zone,
                                Instant from, Instant to, Set<DayOfWeek> days, LocalTime dailyFrom, LocalTime dailyTo,
                                ZoneId timeZone) {

    public MaintenanceWindow {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("field 'id' is required");
        }
        if (!ThingId.isValidTenant(tenant)) {
            throw new IllegalArgumentException("window '" + id + "': field 'tenant' must match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*");
        }
        things = Set.copyOf(things == null ? Set.of() : things);
        boolean oneOff = from != null && to != null;
        boolean weekly = days != null && !days.isEmpty() && dailyFrom != null && dailyTo != null;
        if (oneOff == weekly) {
            throw new IllegalArgumentException("window '" + id + "': give either 'from' and 'to' (one-off) or 'weekly' "
                    + "{days, from, to, timeZone}");
        }
        if (oneOff && !to.isAfter(from)) {
            throw new IllegalArgumentException("window '" + id + "': field 'to' must be after 'from'");
        }
        days = days == null ? Set.of() : Set.copyOf(days);
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    }

    public boolean covers(Device device) {
        return tenant.equals(device.id().tenant())
                && (things.isEmpty() || things.contains(device.id().deviceId()))
                && (building == null || building.equals(device.attribute(Device.BUILDING)))
                && (zone == null || zone.equals(device.attribute(Device.ZONE)));
    }

    public boolean isOpenAt(long epochMillis) {
        Instant now = Instant.ofEpochMilli(epochMillis);
        if (from != null) {
            return !now.isBefore(from) && now.isBefore(to);
        }
        ZonedDateTime local = now.atZone(timeZone);
        LocalTime time = local.toLocalTime();
        if (!dailyTo.isBefore(dailyFrom)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(dailyFrom) && time.isBefore(dailyTo);
        }
        // past midnight: the evening part belongs to its day, the morning part to the day before
        return days.contains(local.getDayOfWeek()) && !time.isBefore(dailyFrom)
                || days.contains(local.getDayOfWeek().minus(1)) && time.isBefore(dailyTo);
    }
}
