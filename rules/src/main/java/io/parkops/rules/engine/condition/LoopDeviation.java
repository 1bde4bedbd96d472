package io.parkops.rules.engine.condition;

import java.util.function.Consumer;

/**
 * Control-loop deviation: |processValue - setpoint| greater than {@code moreThan} while the loop's
 * mode is {@code auto}, and quiet for {@code settleMillis} after the setpoint or the mode changed
 * (a loop needs time to reach a new setpoint; that is not a fault). False in any other mode.
 *
 * @param mode  the mode property path, or null for loops without one
 * @param auto  the mode value meaning "the controller is in charge"
 */
public record LoopDeviation(String processValue, String setpoint, String mode, String auto, double moreThan,
                            long settleMillis) implements Condition {

    @Override
    public Boolean test(Facts facts) {
        if (mode != null) {
            Object m = facts.value(mode);
            if (m == null) {
                return null;
            }
            if (!auto.equals(m)) {
                return false;
            }
        }
        double deviation = deviation(facts);
        if (Double.isNaN(deviation)) {
            return null;
        }
        long changed = Math.max(facts.lastChange(setpoint), mode == null ? -1 : facts.lastChange(mode));
        if (changed >= 0 && facts.now() - changed < settleMillis) {
            return false;
        }
        return deviation > moreThan;
    }

    @Override
    public Evidence evidence(Facts facts) {
        return new Evidence(deviation(facts), moreThan);
    }

    private double deviation(Facts facts) {
        return Math.abs(facts.number(processValue) - facts.number(setpoint));
    }

    @Override
    public void paths(Consumer<String> sink) {
        sink.accept(processValue);
        sink.accept(setpoint);
        if (mode != null) {
            sink.accept(mode);
        }
    }

    @Override
    public boolean timeDependent() {
        return settleMillis > 0;
    }
}
