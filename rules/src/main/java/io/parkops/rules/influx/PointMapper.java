package io.parkops.rules.influx;

import io.parkops.model.Alert;
import io.parkops.model.Device;
import io.parkops.model.TwinChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * Twin changes and alerts as InfluxDB points, following the contract's schema (ARCHITECTURE.md
 * §3 "InfluxDB schema"). Pure: no I/O.
 */
public final class PointMapper {

    public static final String ALERTS_MEASUREMENT = "alerts";
    private static final String[] PLACEMENT_TAGS = {Device.BUILDING, Device.FLOOR, Device.ZONE};

    private PointMapper() {
    }

    /**
     * One point per feature: measurement = feature id; tags {@code tenant, thing, type} and the
     * device's {@code building, floor, zone} when set; fields = the properties the change set;
     * time = the change's timestamp in ms. A feature with no writable value gives no point.
     */
    public static List<Point> points(TwinChange change) {
        List<Point> points = new ArrayList<>(change.features().size());
        Device device = change.device();
        for (Map.Entry<String, Map<String, Object>> feature : change.features().entrySet()) {
            Point.Builder point = Point.measurement(feature.getKey())
                    .time(change.timestamp(), TimeUnit.MILLISECONDS)
                    .tag("tenant", device.id().tenant())
                    .tag("thing", device.id().dittoId())
                    .tag("type", device.typeId());
            for (String name : PLACEMENT_TAGS) {
                String value = device.attribute(name);
                if (value != null && !value.isBlank()) {
                    point.tag(name, value);
                }
            }
            feature.getValue().forEach((property, value) -> addField(point, property, value));
            if (point.hasFields()) {
                points.add(point.build());
            }
        }
        return points;
    }

    /**
     * Measurement {@code alerts}; tags {@code tenant, thing, rule, severity}; fields
     * {@code state, value, threshold, message}; time = the alert's latest transition in ms.
     */
    public static Point point(Alert alert) {
        Point.Builder point = Point.measurement(ALERTS_MEASUREMENT)
                .time(alert.updatedAt(), TimeUnit.MILLISECONDS)
                .tag("tenant", alert.thingId().tenant())
                .tag("thing", alert.thingId().dittoId())
                .tag("rule", alert.ruleId())
                .tag("severity", alert.severity().label())
                .addField("state", alert.state().name());
        addField(point, "value", alert.value());
        addField(point, "threshold", alert.threshold());
        addField(point, "message", alert.message());
        return point.build();
    }

    /**
     * Every number becomes a float field: an integer that arrives as {@code Long} once and as
     * {@code Double} later would otherwise make InfluxDB reject the field as a type conflict.
     * NaN and infinities cannot be written in line protocol and are left out.
     */
    private static void addField(Point.Builder point, String name, Object value) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                point.addField(name, d);
            }
        } else if (value instanceof Boolean bool) {
            point.addField(name, bool.booleanValue());
        } else if (value instanceof String text) {
            point.addField(name, text);
        }
    }
}
