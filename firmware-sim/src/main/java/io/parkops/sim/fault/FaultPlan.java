package io.parkops.sim.fault;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Which faults a run injects and into what fraction of the devices, e.g. from
 * {@code --faults stuck,duplicate=0.5 --fault-rate 0.1}: stuck in 10% of the devices,
 * duplicates in half of them.
 */
public record FaultPlan(Map<Fault, Double> fractions) {

    public static final FaultPlan NONE = new FaultPlan(Map.of());
    public static final double DEFAULT_RATE = 0.1;

    public FaultPlan {
        fractions = Collections.unmodifiableMap(new EnumMap<>(fractions.isEmpty() ? new EnumMap<>(Fault.class) : fractions));
        fractions.forEach((fault, fraction) -> {
            if (fraction == null || !(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fault " + fault.flag() + " needs a fraction of devices 0..1, was " + fraction);
            }
        });
    }

    /**
     * Parses {@code stuck,dropout=0.2}: a fault without {@code =fraction} hits {@code defaultRate}
     * of the devices.
     */
    public static FaultPlan parse(String spec, double defaultRate) {
        Map<Fault, Double> fractions = new EnumMap<>(Fault.class);
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            Fault fault = Fault.parse(eq < 0 ? part : part.substring(0, eq));
            fractions.put(fault, eq < 0 ? defaultRate : fraction(fault, part.substring(eq + 1)));
        }
        return new FaultPlan(fractions);
    }

    private static double fraction(Fault fault, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault " + fault.flag() + "=" + text + ": the fraction must be a number 0..1, e.g. 0.1");
        }
    }

    /** The same plan with every fault at {@code rate}, for {@code --fault-rate} given after {@code --faults}. */
    public FaultPlan withRate(double rate) {
        return new FaultPlan(fractions.keySet().stream().collect(Collectors.toMap(f -> f, f -> rate)));
    }

    public boolean isEmpty() {
        return fractions.isEmpty();
    }

    /** The faults one device suffers, drawn from its own seeded random so a run repeats. */
    public java.util.Set<Fault> drawFor(long deviceSeed) {
        SplittableRandom random = new SplittableRandom(deviceSeed ^ 0x5DEECE66DL);
        java.util.Set<Fault> faults = java.util.EnumSet.noneOf(Fault.class);
        for (Fault fault : Fault.values()) {
            double draw = random.nextDouble();
            if (draw < fractions.getOrDefault(fault, 0.0)) {
                faults.add(fault);
            }
        }
        return faults;
    }

    @Override
    public String toString() {
        return fractions.entrySet().stream().map(e -> e.getKey().flag() + '=' + e.getValue()).collect(Collectors.joining(","));
    }
}
