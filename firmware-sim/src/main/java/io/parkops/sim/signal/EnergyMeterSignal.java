package io.parkops.sim.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A three-phase energy meter on a building or floor distribution board (feature {@code energy}).
 *
 * <p>Load follows the working day plus cooling or heating demand from the outdoor temperature.
 * The import register integrates active power over the real time between samples, so it never
 * runs backwards, exactly like the meter's own register.
 */
final class EnergyMeterSignal implements DeviceSignal {

    private static final double NOMINAL_VOLTS = 230;
    private static final double NOMINAL_HZ = 50;

    private final SplittableRandom random;
    private final SiteClimate climate;
    private final double baseLoadKw;
    private final double[] phaseShare = new double[3];
    private double importKwh;
    private long lastMillis = Long.MIN_VALUE;
    private double lastPowerKw;

    EnergyMeterSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.climate = context.climate();
        this.baseLoadKw = random.nextDouble(30, 120);
        this.importKwh = random.nextDouble(20_000, 400_000);
        for (int i = 0; i < 3; i++) {
            phaseShare[i] = random.nextDouble(0.95, 1.05);
        }
    }

    @Override
    public Map<String, Object> sample(long t) {
        double powerKw = activePower(t);
        integrate(t, powerKw);
        double pf = Values.clamp(0.90 + 0.06 * climate.officeOccupancy(t) + random.nextGaussian() * 0.01, 0.85, 0.99);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("activePower", Values.round(powerKw, 2));
        r.put("activeEnergyImport", Values.round(importKwh, 2));
        r.put("reactivePower", Values.round(powerKw * Math.tan(Math.acos(pf)), 2));
        r.put("powerFactor", Values.round(pf, 3));
        double[] volts = new double[3];
        for (int i = 0; i < 3; i++) {
            volts[i] = Values.clamp(NOMINAL_VOLTS + random.nextGaussian() * 1.5, 218, 242);
            r.put("voltageL" + (i + 1), Values.round(volts[i], 1));
        }
        for (int i = 0; i < 3; i++) {
            double amps = powerKw * 1000 / 3 * phaseShare[i] / (volts[i] * pf);
            r.put("currentL" + (i + 1), Values.round(amps, 2));
        }
        r.put("frequency", Values.round(Values.clamp(NOMINAL_HZ + random.nextGaussian() * 0.02, 49.9, 50.1), 3));
        return r;
    }

    private double activePower(long t) {
        double occupancy = climate.officeOccupancy(t);
        double comfortGap = Math.abs(climate.outdoorTemperature(t) - 22);
        double kw = baseLoadKw * (0.35 + 0.65 * occupancy) + 0.04 * baseLoadKw * comfortGap;
        return Math.max(0.5, kw * (1 + random.nextGaussian() * 0.03));
    }

    /** Trapezoidal integration over the elapsed real time; the first sample only sets the start. */
    private void integrate(long t, double powerKw) {
        if (lastMillis != Long.MIN_VALUE) {
            importKwh += Values.hoursBetween(lastMillis, t) * (lastPowerKw + powerKw) / 2;
        }
        lastMillis = t;
        lastPowerKw = powerKw;
    }
}
