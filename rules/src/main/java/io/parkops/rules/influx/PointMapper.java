package io.parkops.rules.influx;

import io.parkops.model.Alert;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.TwinChange;
import io.parkops.model.influx.InfluxSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.influxdb.dto.Point;

/**
 * Twin changes and alerts as InfluxDB points, following the contract's schema (ARCHITECTURE.md
 * §3 "InfluxDB schema"), whose names live in {@link InfluxSchema}. Pure: no I/O.
 */
public final class PointMapper {

    private PointMapper() {
    }

    /**
     * One point per feature: measurement = feature id; tags {@code tenant, thing, type} and the
     * device's {@code building, floor, zone} when set; fields = the properties the change set;
     * time = the change's timestamp in ms. A feature with no writable value gives no point.
     */
    public static List<Point> points(TwinChange change) {
        return points(change.device(), change.timestamp(), change.features());
    }

    /**
     * The points of a device message as {@link #points(TwinChange)} makes them from the twin change
     * it causes (a twin change sets exactly the message's features): the cluster's InfluxDB writer
     * reads messages from Kafka, not twin changes.
     */
    public static List<Point> points(Telemetry telemetry) {
        return points(telemetry.device(), telemetry.timestamp(), telemetry.features());
    }

    private static List<Point> points(Device device, long timestamp, Map<String, Map<String, Object>> features) {
        List<Point> points = new ArrayList<>(features.size());
        for (Map.Entry<String, Map<String, Object>> feature : features.entrySet()) {
            Point.Builder point = Point.measurement(InfluxSchema.measurement(feature.getKey()))
                    .time(timestamp, InfluxSchema.PRECISION)
                    .tag(InfluxSchema.TENANT, device.id().tenant())
                    .tag(InfluxSchema.THING, InfluxSchema.thingTag(device.id()))
                    .tag(InfluxSchema.TYPE, device.typeId());
            for (String name : InfluxSchema.PLACEMENT_TAGS) {
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
        Point.Builder point = Point.measurement(InfluxSchema.ALERTS)
                .time(alert.updatedAt(), InfluxSchema.PRECISION)
                .tag(InfluxSchema.TENANT, alert.thingId().tenant())
                .tag(InfluxSchema.THING, InfluxSchema.thingTag(alert.thingId()))
                .tag(InfluxSchema.RULE, alert.ruleId())
                .tag(InfluxSchema.SEVERITY, alert.severity().label())
                .addField(InfluxSchema.STATE, alert.state().name());
        addField(point, InfluxSchema.VALUE, alert.value());
        addField(point, InfluxSchema.THRESHOLD, alert.threshold());
        addField(point, InfluxSchema.MESSAGE, alert.message());
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
