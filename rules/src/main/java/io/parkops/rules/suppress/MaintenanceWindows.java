package io.parkops.rules.suppress;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code {data dir}/maintenance.json}:
 * <pre>{@code
 * {"windows": [
 *   {"id": "ont-swap", "tenant": "nanan", "things": ["ont-0003"], "from": "2026-12-01T01:00:00Z", "to": "2026-12-01T03:00:00Z"},
 *   {"id": "b2-weekly", "tenant": "xinshengli", "building": "b2",
 *    "weekly": {"days": ["SAT"], "from": "22:00", "to": "02:00", "timeZone": "Asia/Shanghai"}}]}
 * }</pre>
 * Errors name the window and the field. Blocking file I/O: call from a worker thread.
 */
public final class MaintenanceWindows {

    private MaintenanceWindows() {
    }

    public static List<MaintenanceWindow> load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<MaintenanceWindow> parse(String text, String source) {
        List<MaintenanceWindow> windows = new ArrayList<>();
        JsonArray array;
        try {
            array = new JsonObject(text).getJsonArray("windows", new JsonArray());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": must be a JSON object with a 'windows' array: " + e.getMessage(), e);
        }
        for (int i = 0; i < array.size(); i++) {
            try {
                windows.add(window(array.getJsonObject(i)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ": windows[" + i + "]: " + e.getMessage(), e);
            }
        }
        return windows;
    }

    private static MaintenanceWindow window(JsonObject j) {
        Set<String> things = new HashSet<>();
        j.getJsonArray("things", new JsonArray()).forEach(t -> things.add(String.valueOf(t)));
        JsonObject weekly = j.getJsonObject("weekly");
        Set<DayOfWeek> days = null;
        if (weekly != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (Object d : weekly.getJsonArray("days", new JsonArray())) {
                days.add(day(String.valueOf(d)));
            }
        }
        return new MaintenanceWindow(j.getString("id"), j.getString("tenant"), things, j.getString("building"),
                j.getString("zone"), instant(j.getString("from"), weekly), instant(j.getString("to"), weekly), days,
                weekly == null ? null : LocalTime.parse(weekly.getString("from")),
                weekly == null ? null : LocalTime.parse(weekly.getString("to")),
                weekly == null || weekly.getString("timeZone") == null ? null : ZoneId.of(weekly.getString("timeZone")));
    }

    private static Instant instant(String text, JsonObject weekly) {
        return weekly != null || text == null ? null : Instant.parse(text);
    }

    private static DayOfWeek day(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(t) && t.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("field 'weekly.days' holds '" + text + "'; use MON, TUE, ... SUN");
    }
}
