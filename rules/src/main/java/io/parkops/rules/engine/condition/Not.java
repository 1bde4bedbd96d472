package io.parkops.rules.engine.condition;

import java.util.function.Consumer;

/** Negation; unknown stays unknown. The default clear condition of a level is {@code not(raise)}. */
public record Not(Condition inner) implements Condition {

    @Override
    public Boolean test(Facts facts) {
        Boolean r = inner.test(facts);
        return r == null ? null : !r;
    }

    @Override
    public Evidence evidence(Facts facts) {
        return inner.evidence(facts);
    }

    @Override
    public void paths(Consumer<String> sink) {
        inner.paths(sink);
    }

    @Override
    public long historyMillis(String path) {
        return inner.historyMillis(path);
    }

    @Override
    public boolean timeDependent() {
        return inner.timeDependent();
    }
}
