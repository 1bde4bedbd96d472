package io.parkops.sim.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An optical network terminal at a desk cluster (feature {@code optical}). Each fibre run has
 * its own received power around -18 dBm (a longer or dirtier run sits lower); weak links
 * collect bit errors and drop below the receiver's sensitivity near -27 dBm.
 */
final class OntSignal implements DeviceSignal {

    private static final double RX_MIN = -28;
    private static final double RX_MAX = -8;
    private static final double SENSITIVITY_DBM = -27;

    private final SplittableRandom random;
    private final SiteClimate climate;
    private final double rxBase;
    private final double txBase;
    private final double biasBase;
    private double rxDrift;

    OntSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.climate = context.climate();
        this.rxBase = Values.clamp(-18 + random.nextGaussian() * 2.5, -25, -11);
        this.txBase = random.nextDouble(2.4, 4.6);
        this.biasBase = random.nextDouble(10, 16);
    }

    @Override
    public Map<String, Object> sample(long t) {
        rxDrift = Values.clamp(0.95 * rxDrift + random.nextGaussian() * 0.1, -1.5, 1.5);
        double rx = Values.clamp(rxBase + rxDrift + random.nextGaussian() * 0.05, RX_MIN, RX_MAX);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rxPower", Values.round(rx, 2));
        r.put("txPower", Values.round(Values.clamp(txBase + random.nextGaussian() * 0.05, 2, 5), 2));
        r.put("temperature", Values.round(38 + 0.3 * (climate.outdoorTemperature(t) - 20)
                + random.nextGaussian() * 0.3, 1));
        r.put("voltage", Values.round(Values.clamp(3.3 + random.nextGaussian() * 0.02, 3.1, 3.5), 3));
        r.put("biasCurrent", Values.round(Values.clamp(biasBase + random.nextGaussian() * 0.2, 2, 60), 2));
        r.put("linkUp", rx > SENSITIVITY_DBM);
        r.put("bitErrors", bitErrors(rx));
        return r;
    }

    /** Errors since the last report: rare on a healthy link, frequent near the sensitivity limit. */
    private long bitErrors(double rx) {
        double chance = rx > -24 ? 0.03 : 0.5;
        return random.nextDouble() < chance ? random.nextLong(1, rx > -24 ? 5 : 200) : 0;
    }
}
