package io.parkops.rules.engine;

import java.util.Locale;

/** How a threshold rule compares a value with its threshold. Comparisons are strict. */
public enum Operator {
    /** Breached when the value is strictly greater than the threshold. */
    ABOVE,
    /** Breached when the value is strictly less than the threshold. */
    BELOW;

    public boolean isBreached(double value, double threshold) {
        return this == ABOVE ? value > threshold : value < threshold;
    }

    /** The spelling used in rule files: {@code above} or {@code below}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code above}/{@code below} in any case; throws naming the accepted values. */
    public static Operator parse(String text) {
        for (Operator op : values()) {
            if (op.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return op;
            }
        }
        throw new IllegalArgumentException("must be 'above' or 'below', got '" + text + "'");
    }
}
