package io.parkops.rules.engine.condition;

import java.util.function.Consumer;

/**
 * A condition on the properties of one twin. {@link #test} answers in three values: TRUE, FALSE,
 * or null when a property it needs is unknown or stale, so that missing data neither raises nor
 * clears an alert.
 */
public sealed interface Condition permits Compare, Equals, RateOfChange, NoData, LoopDeviation, CompoundCondition, Not {

    Boolean test(Facts facts);

    /** The value and limit worth showing with an alert this condition raised or cleared. */
    Evidence evidence(Facts facts);

    /** Every property path ({@code feature.property}) the condition reads. */
    void paths(Consumer<String> sink);

    /** How much history (ms) of a property the condition needs; 0 for none. */
    default long historyMillis(String path) {
        return 0;
    }

    /** Whether the answer can change with time alone, so that a timer must re-evaluate it. */
    default boolean timeDependent() {
        return false;
    }
}
