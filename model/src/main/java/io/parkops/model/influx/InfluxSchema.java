package io.parkops.model.influx;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The InfluxDB schema of the external contract (ARCHITECTURE.md §3 "InfluxDB schema"): the one
 * place in the code that names measurements, tags and fields. Dashboards, Grafana panels and
 * scripts outside the code query these names, so changing one here breaks them: it is a contract
 * change, and {@code InfluxSchemaTest} fails on purpose.
 *
 * <p>It lives in {@code model} so that the writer ({@code rules}) and every reader ({@code rules},
 * {@code platform}) share it without depending on influxdb-java through it.
 */
public final class InfluxSchema {

    /** Points are written and read back at millisecond precision. */
    public static final TimeUnit PRECISION = TimeUnit.MILLISECONDS;

    /** InfluxDB's own time column in query results (not a tag or field of ours). */
    public static final String TIME = "time";

    // Tags of every telemetry point (and, for tenant and thing, of every alert point).
    public static final String TENANT = "tenant";
    /** The Ditto thing id, {@code {namespace}:{deviceId}}: see {@link #thingTag(ThingId)}. */
    public static final String THING = "thing";
    public static final String TYPE = "type";
    /** Placement tags carry the device attributes of the same name, and only when the device has them. */
    public static final String BUILDING = Device.BUILDING;
    public static final String FLOOR = Device.FLOOR;
    public static final String ZONE = Device.ZONE;

    /** The tags that say which device a point is from. */
    public static final List<String> IDENTITY_TAGS = List.of(TENANT, THING, TYPE);
    /** The tags that say where in the park the device is. */
    public static final List<String> PLACEMENT_TAGS = List.of(BUILDING, FLOOR, ZONE);
    /** Every tag a telemetry point can carry; the rest of a row are fields (properties). */
    public static final List<String> TELEMETRY_TAGS = List.of(TENANT, THING, TYPE, BUILDING, FLOOR, ZONE);

    /** The measurement of alert transitions; tags {@link #TENANT}, {@link #THING}, {@link #RULE}, {@link #SEVERITY}. */
    public static final String ALERTS = "alerts";
    public static final String RULE = "rule";
    public static final String SEVERITY = "severity";
    // Fields of an alert point.
    public static final String STATE = "state";
    public static final String VALUE = "value";
    public static final String THRESHOLD = "threshold";
    public static final String MESSAGE = "message";

    private InfluxSchema() {
    }

    /** Telemetry goes to one measurement per twin feature, named as the feature ({@code environment}, {@code energy}, …). */
    public static String measurement(String featureId) {
        return featureId;
    }

    /** The {@link #THING} tag holds the Ditto thing id, so a dashboard link and a twin URL use the same text. */
    public static String thingTag(ThingId id) {
        return id.dittoId();
    }

    /** The device a {@link #THING} tag names; the inverse of {@link #thingTag(ThingId)}. */
    public static ThingId thingOf(String thingTag) {
        return ThingId.parseDitto(thingTag);
    }
}
