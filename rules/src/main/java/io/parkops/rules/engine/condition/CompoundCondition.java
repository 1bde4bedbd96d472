package io.parkops.rules.engine.condition;

import java.util.List;
import java.util.function.Consumer;

/** What AND and OR share: they watch, remember and depend on time exactly as their parts do. */
sealed interface CompoundCondition extends Condition permits AllOf, AnyOf {

    List<Condition> parts();

    @Override
    default void paths(Consumer<String> sink) {
        parts().forEach(p -> p.paths(sink));
    }

    @Override
    default long historyMillis(String path) {
        return parts().stream().mapToLong(p -> p.historyMillis(path)).max().orElse(0);
    }

    @Override
    default boolean timeDependent() {
        return parts().stream().anyMatch(Condition::timeDependent);
    }
}
