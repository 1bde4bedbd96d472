package io.parkops.platform.insights;

import io.parkops.model.Alert;
import io.parkops.model.Severity;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;

/**
 * What a site's twins and active alerts say right now, for the portfolio: how many zones are
 * outside the comfort band ({@link EnvironmentView#COMFORT}, the band the environment view
 * draws), whether drones may fly from the rooftop, how many ONTs have lost their link, and the
 * active alerts by severity. Plain data, filled by one pass over the twins and one over the alerts.
 */
final class SiteConditions {

    /**
     * Drones stay on the pads above this gust (m/s): a common limit for small multirotors, and
     * the one the rooftop view applies.
     */
    static final double DRONE_GUST_LIMIT = 12;
    /** An alert that grounds drones by its rule (the rooftop view reads the same words). */
    private static final Pattern DRONE_RULE = Pattern.compile("wind|gust|drone", Pattern.CASE_INSENSITIVE);
    private static final String[] COMFORT_FIELDS = {"temperature", "co2", "pm25"};

    private final Map<String, Boolean> zones = new HashMap<>(); // building/zone -> comfortable (false wins)
    private final long[] alerts = new long[Severity.values().length];
    private int pads;
    private int padsOccupied;
    private Double highestGust;
    private boolean droneAlert;
    private int onts;
    private int ontsDown;

    /** Takes in one twin of the site. */
    void add(Thing thing) {
        String type = attribute(thing, "type").orElse("");
        properties(thing, "environment").ifPresent(p -> addZone(thing, p));
        if ("drone-pad".equals(type)) {
            pads++;
            if (property(thing, "pad", "occupied").filter(JsonValue::isBoolean).map(JsonValue::asBoolean).orElse(false)) {
                padsOccupied++;
            }
        }
        property(thing, "weather", "windGust").filter(JsonValue::isNumber).map(JsonValue::asDouble)
                .ifPresent(g -> highestGust = highestGust == null ? g : Math.max(highestGust, g));
        if ("ont".equals(type)) {
            onts++;
            if (property(thing, "optical", "linkUp").filter(JsonValue::isBoolean).map(v -> !v.asBoolean()).orElse(false)) {
                ontsDown++;
            }
        }
    }

    /** Takes in one active alert of the site. */
    void add(Alert alert) {
        alerts[alert.severity().ordinal()]++;
        String type = alert.device().typeId();
        if ("drone-pad".equals(type) || "weather-station".equals(type) || DRONE_RULE.matcher(alert.ruleId()).find()) {
            droneAlert = true;
        }
    }

    long alerts(Severity severity) {
        return alerts[severity.ordinal()];
    }

    int zonesOutside() {
        return (int) zones.values().stream().filter(ok -> !ok).count();
    }

    /** Zones outside comfort over zones with readings; null when no zone has any. */
    Double outsideShare() {
        return zones.isEmpty() ? null : (double) zonesOutside() / zones.size();
    }

    int ontsDown() {
        return ontsDown;
    }

    /** {@code none} (no drone pads), {@code grounded} (gusts above the limit or a wind/drone alert) or {@code ok}. */
    String droneState() {
        if (pads == 0) {
            return "none";
        }
        return droneAlert || highestGust != null && highestGust > DRONE_GUST_LIMIT ? "grounded" : "ok";
    }

    JsonObject alertsJson() {
        JsonObject json = new JsonObject();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            json.put(Severity.values()[i].label(), alerts[i]);
        }
        return json;
    }

    JsonObject comfortJson() {
        Double share = outsideShare();
        return new JsonObject().put("zones", zones.size()).put("outside", zonesOutside())
                .put("outsideShare", share == null ? null : Math.round(share * 1000) / 1000.0);
    }

    JsonObject dronesJson() {
        return new JsonObject().put("state", droneState()).put("pads", pads).put("occupied", padsOccupied)
                .put("highestGustMs", highestGust);
    }

    JsonObject ontsJson() {
        return new JsonObject().put("total", onts).put("down", ontsDown);
    }

    private void addZone(Thing thing, org.eclipse.ditto.json.JsonObject properties) {
        JsonObject now = new JsonObject();
        for (String field : COMFORT_FIELDS) {
            properties.getValue(field).filter(JsonValue::isNumber).ifPresent(v -> now.put(field, v.asDouble()));
        }
        Boolean comfortable = EnvironmentView.comfortable(now);
        if (comfortable == null) {
            return; // a sensor with no reading yet says nothing about its zone
        }
        String zone = attribute(thing, "building").orElse("") + '/' + attribute(thing, "zone")
                .orElseGet(() -> thing.getEntityId().map(Object::toString).orElse(""));
        zones.merge(zone, comfortable, Boolean::logicalAnd);
    }

    static Optional<String> attribute(Thing thing, String name) {
        return thing.getAttributes().flatMap(a -> a.getValue(name)).map(v -> v.isString() ? v.asString() : v.toString());
    }

    private static Optional<org.eclipse.ditto.json.JsonObject> properties(Thing thing, String feature) {
        return thing.getFeatures().flatMap(f -> f.getFeature(feature)).flatMap(f -> f.getProperties())
                .map(p -> (org.eclipse.ditto.json.JsonObject) p);
    }

    private static Optional<JsonValue> property(Thing thing, String feature, String name) {
        return properties(thing, feature).flatMap(p -> p.getValue(name));
    }
}
