package io.parkops.rules.engine.condition;

/**
 * What a condition may know about one twin at one instant. Values are sample-and-hold: the latest
 * value of a property stands until a newer one arrives or it goes stale (older than the staleness
 * limit, then it is unknown), so a {@code for} duration bridges short gaps in the data.
 */
public interface Facts {

    /** The instant of the evaluation, epoch ms. */
    long now();

    /** The latest fresh value of {@code feature.property}, or null when unknown or stale. */
    Object value(String path);

    /** The smallest (or, with {@code max}, largest) numeric value seen since {@code from}, or NaN. */
    double extreme(String path, long from, boolean max);

    /** When the property ({@code *}: any property) was last reported, epoch ms, or -1 when never. */
    long lastSeen(String path);

    /** When the property last changed its value, epoch ms, or -1 when never seen. */
    long lastChange(String path);

    /** The device type's reporting interval in ms. */
    long intervalMillis();

    /** The numeric value of a property, or NaN when unknown, stale or not a finite number. */
    default double number(String path) {
        Object v = value(path);
        return v instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : Double.NaN;
    }
}
