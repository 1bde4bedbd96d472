package io.parkops.rules.engine.condition;

import java.util.function.Consumer;

/**
 * A numeric property against fixed limits: {@code above}, {@code below}, {@code atLeast},
 * {@code atMost} one limit, or {@code outside}/{@code inside} a band {@code [low, high]}.
 * Hysteresis comes from giving the clear condition a different limit than the raise condition.
 */
public record Compare(String path, Kind kind, double low, double high) implements Condition {

    /** How the value is compared; {@code low} is the limit of the one-limit kinds. */
    public enum Kind { ABOVE, BELOW, AT_LEAST, AT_MOST, OUTSIDE, INSIDE }

    public static Compare of(String path, Kind kind, double limit) {
        return new Compare(path, kind, limit, limit);
    }

    @Override
    public Boolean test(Facts facts) {
        double v = facts.number(path);
        if (Double.isNaN(v)) {
            return null;
        }
        return switch (kind) {
            case ABOVE -> v > low;
            case BELOW -> v < low;
            case AT_LEAST -> v >= low;
            case AT_MOST -> v <= low;
            case OUTSIDE -> v < low || v > high;
            case INSIDE -> v >= low && v <= high;
        };
    }

    @Override
    public Evidence evidence(Facts facts) {
        double v = facts.number(path);
        boolean band = kind == Kind.OUTSIDE || kind == Kind.INSIDE;
        // for a band, the limit shown is the side the value is on (or nearer to)
        double limit = band && !Double.isNaN(v) && Math.abs(v - high) < Math.abs(v - low) ? high : low;
        return new Evidence(v, limit);
    }

    @Override
    public void paths(Consumer<String> sink) {
        sink.accept(path);
    }
}
