package io.parkops.sim.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A battery leak sensor under a riser or in a plant room (feature {@code leak}). It is dry
 * almost always; now and then (on average every few days) it reports a wet spell of a quarter
 * of an hour. The battery drains slowly over years, as a real one does.
 */
final class LeakSensorSignal implements DeviceSignal {

    private static final double WET_SPELLS_PER_HOUR = 0.01;
    private static final double DRAIN_PERCENT_PER_HOUR = 0.002;

    private final SplittableRandom random;
    private final double initialBattery;
    private long firstMillis = Long.MIN_VALUE;
    private long lastMillis;
    private long wetUntil = Long.MIN_VALUE;

    LeakSensorSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.initialBattery = random.nextDouble(55, 100);
    }

    @Override
    public Map<String, Object> sample(long t) {
        if (firstMillis == Long.MIN_VALUE) {
            firstMillis = t;
            lastMillis = t;
        }
        maybeStartWetSpell(t);
        double battery = initialBattery - DRAIN_PERCENT_PER_HOUR * Values.hoursBetween(firstMillis, t);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("wet", t < wetUntil);
        r.put("battery", Values.round(Values.clamp(battery, 0, 100), 1));
        return r;
    }

    /** A Poisson arrival scaled by the real time since the last sample, so the rate ignores the interval. */
    private void maybeStartWetSpell(long t) {
        double chance = 1 - Math.exp(-WET_SPELLS_PER_HOUR * Values.hoursBetween(lastMillis, t));
        lastMillis = t;
        if (t >= wetUntil && random.nextDouble() < chance) {
            wetUntil = t + random.nextLong(10 * 60_000L, 25 * 60_000L);
        }
    }
}
