package io.parkops.sim.signal;

/** Small numeric helpers shared by the signals. */
final class Values {

    private Values() {
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Rounds half-up to {@code decimals} places, so payloads carry what a real sensor would resolve. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Linear interpolation over sorted knots {@code {x0, y0, x1, y1, ...}}; flat outside. */
    static double piecewise(double x, double... knots) {
        if (x <= knots[0]) {
            return knots[1];
        }
        for (int i = 2; i < knots.length; i += 2) {
            if (x <= knots[i]) {
                double x0 = knots[i - 2];
                double y0 = knots[i - 1];
                double f = (x - x0) / (knots[i] - x0);
                return y0 + f * (knots[i + 1] - y0);
            }
        }
        return knots[knots.length - 1];
    }

    /** Hours elapsed between two sample times, never negative (a clock step back adds nothing). */
    static double hoursBetween(long fromMillis, long toMillis) {
        return Math.max(0, toMillis - fromMillis) / 3_600_000.0;
    }
}
