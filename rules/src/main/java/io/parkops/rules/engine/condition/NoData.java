package io.parkops.rules.engine.condition;

import java.util.function.Consumer;

/**
 * Deadman: a property ({@code *}: the device as a whole) not reported for longer than
 * {@code intervals} times the type's reporting interval, or than {@code afterMillis} when that is
 * positive. Unknown until the property has been seen once.
 */
public record NoData(String path, double intervals, long afterMillis) implements Condition {

    public static final String ANY = "*";

    @Override
    public Boolean test(Facts facts) {
        long last = facts.lastSeen(path);
        return last < 0 ? null : facts.now() - last > limit(facts);
    }

    @Override
    public Evidence evidence(Facts facts) {
        long last = facts.lastSeen(path);
        return new Evidence(last < 0 ? Double.NaN : (facts.now() - last) / 1000.0, limit(facts) / 1000.0);
    }

    private long limit(Facts facts) {
        return afterMillis > 0 ? afterMillis : Math.round(intervals * facts.intervalMillis());
    }

    @Override
    public void paths(Consumer<String> sink) {
        sink.accept(path);
    }

    @Override
    public boolean timeDependent() {
        return true;
    }
}
