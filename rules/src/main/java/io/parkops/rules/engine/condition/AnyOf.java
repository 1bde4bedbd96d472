package io.parkops.rules.engine.condition;

import java.util.List;

/** OR across conditions on the same twin: true if any is true, unknown if none is true and one is unknown. */
public record AnyOf(List<Condition> parts) implements CompoundCondition {

    public AnyOf {
        parts = List.copyOf(parts);
    }

    @Override
    public Boolean test(Facts facts) {
        boolean unknown = false;
        for (Condition part : parts) {
            Boolean r = part.test(facts);
            if (r == null) {
                unknown = true;
            } else if (r) {
                return true;
            }
        }
        return unknown ? null : false;
    }

    /** The evidence of the first part that holds, so the alert shows what actually fired. */
    @Override
    public Evidence evidence(Facts facts) {
        for (Condition part : parts) {
            if (Boolean.TRUE.equals(part.test(facts))) {
                return part.evidence(facts);
            }
        }
        return parts.get(0).evidence(facts);
    }
}
