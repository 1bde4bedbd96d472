package io.parkops.sim.signal;

/**
 * Smooth 1-D value noise in [0, 1]: a pseudo-random value at every integer, smoothly
 * interpolated between them.
 *
 * <p>It is a pure function of (seed, x). Site-wide weather is built from it so that a weather
 * station and a PV inverter on the same roof see the same clouds no matter in which order, or
 * how often, they are sampled.
 */
final class ValueNoise {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;

    ValueNoise(long seed) {
        this.seed = mix(seed);
    }

    double at(double x) {
        long i = (long) Math.floor(x);
        double f = x - i;
        double smooth = f * f * (3 - 2 * f);
        double a = unit(i);
        return a + (unit(i + 1) - a) * smooth;
    }

    private double unit(long i) {
        return (mix(seed + i * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64 finaliser: a well-spread 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
