package io.parkops.rules.engine.condition;

import java.util.function.Consumer;

/** A property equal to a boolean or a string, e.g. {@code leak.wet == true}, {@code loop.mode == "auto"}. */
public record Equals(String path, Object expected) implements Condition {

    @Override
    public Boolean test(Facts facts) {
        Object v = facts.value(path);
        return v == null ? null : expected.equals(v);
    }

    @Override
    public Evidence evidence(Facts facts) {
        Object v = facts.value(path);
        return new Evidence(v instanceof Boolean b ? (b ? 1 : 0) : Double.NaN,
                expected instanceof Boolean b ? (b ? 1 : 0) : Double.NaN);
    }

    @Override
    public void paths(Consumer<String> sink) {
        sink.accept(path);
    }
}
