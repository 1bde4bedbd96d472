package io.parkops.model;

import io.parkops.model.flow.IngestContext;
import java.util.Map;

/**
 * What changed in one twin because of one message: the properties that were set, with the
 * twin's new revision. Downstream consumers (rules, the InfluxDB writer, SSE) read only this.
 *
 * @param device   the device the twin belongs to (type and placement attributes)
 * @param revision the twin's revision after the change
 * @param timestamp epoch milliseconds of the measurement
 * @param features feature id to (property name to value) that this change set
 * @param context  the device message that caused it ({@link IngestContext#NONE} for API edits): the store
 *                 that takes the change's points ends it
 */
public record TwinChange(Device device, long revision, long timestamp, Map<String, Map<String, Object>> features,
                         IngestContext context) {

    public TwinChange {
        context = context == null ? IngestContext.NONE : context;
    }

    /** A change no device message waits for (API edits, tests). */
    public TwinChange(Device device, long revision, long timestamp, Map<String, Map<String, Object>> features) {
        this(device, revision, timestamp, features, IngestContext.NONE);
    }

    public ThingId thingId() {
        return device.id();
    }

    /** The value of one property in this change, or {@code null} when the change did not set it. */
    public Object value(String feature, String property) {
        Map<String, Object> props = features.get(feature);
        return props == null ? null : props.get(property);
    }
}
