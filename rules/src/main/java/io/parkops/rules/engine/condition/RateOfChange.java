package io.parkops.rules.engine.condition;

import java.util.function.Consumer;

/**
 * A property that rose (or fell) by more than {@code delta} within {@code withinMillis}: the latest
 * value against the lowest (highest) value seen in that window, e.g. temperature rising more than
 * 3 degrees in 10 minutes.
 */
public record RateOfChange(String path, boolean rising, double delta, long withinMillis) implements Condition {

    @Override
    public Boolean test(Facts facts) {
        double change = change(facts);
        return Double.isNaN(change) ? null : change > delta;
    }

    @Override
    public Evidence evidence(Facts facts) {
        return new Evidence(change(facts), delta);
    }

    private double change(Facts facts) {
        double v = facts.number(path);
        double extreme = facts.extreme(path, facts.now() - withinMillis, !rising);
        if (Double.isNaN(v) || Double.isNaN(extreme)) {
            return Double.NaN;
        }
        return rising ? v - extreme : extreme - v;
    }

    @Override
    public void paths(Consumer<String> sink) {
        sink.accept(path);
    }

    @Override
    public long historyMillis(String p) {
        return p.equals(path) ? withinMillis : 0;
    }

    @Override
    public boolean timeDependent() {
        return true;
    }
}
