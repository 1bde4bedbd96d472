package io.parkops.rules.engine.condition;

/** The numbers shown with an alert: the value that decided and the limit it was held against (NaN when none). */
public record Evidence(double value, double threshold) {

    public static final Evidence NONE = new Evidence(Double.NaN, Double.NaN);
}
