package io.parkops.rules.engine.condition;

import java.util.List;

/** AND across conditions on the same twin: false if any is false, unknown if any is unknown. */
public record AllOf(List<Condition> parts) implements CompoundCondition {

    public AllOf {
        parts = List.copyOf(parts);
    }

    @Override
    public Boolean test(Facts facts) {
        boolean unknown = false;
        for (Condition part : parts) {
            Boolean r = part.test(facts);
            if (r == null) {
                unknown = true;
            } else if (!r) {
                return false;
            }
        }
        return unknown ? null : true;
    }

    @Override
    public Evidence evidence(Facts facts) {
        return parts.get(0).evidence(facts);
    }
}
