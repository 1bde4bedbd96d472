package io.parkops.sim.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A rooftop drone landing pad with a hangar door and a charger (feature {@code pad}).
 *
 * <p>A cycle: empty for a while, the door opens for the landing, the drone charges (power
 * tapering as the battery fills), the door opens again for take-off. Phase lengths are drawn
 * from the seeded random source; the state only moves at sample times.
 */
final class DronePadSignal implements DeviceSignal {

    private enum Phase { EMPTY, LANDING, CHARGING, TAKEOFF }

    private static final long MINUTE = 60_000L;

    private final SplittableRandom random;
    private final double chargerKw;
    private Phase phase = Phase.EMPTY;
    private long phaseStart = Long.MIN_VALUE;
    private long phaseEnd;

    DronePadSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.chargerKw = random.nextDouble(2.5, 3.5);
    }

    @Override
    public Map<String, Object> sample(long t) {
        if (phaseStart == Long.MIN_VALUE) {
            enter(Phase.values()[random.nextInt(Phase.values().length)], t);
        }
        while (t >= phaseEnd) {
            enter(next(phase), phaseEnd);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("occupied", phase != Phase.EMPTY);
        r.put("doorOpen", phase == Phase.LANDING || phase == Phase.TAKEOFF);
        r.put("chargerPower", Values.round(chargerPower(t), 2));
        return r;
    }

    private double chargerPower(long t) {
        if (phase != Phase.CHARGING) {
            return 0;
        }
        double progress = (double) (t - phaseStart) / (phaseEnd - phaseStart);
        double constantCurrentThenTaper = progress < 0.6 ? 1 : 1 - 0.85 * (progress - 0.6) / 0.4;
        return Math.max(0, chargerKw * constantCurrentThenTaper + random.nextGaussian() * 0.03);
    }

    private void enter(Phase next, long start) {
        phase = next;
        phaseStart = start;
        phaseEnd = start + switch (next) {
            case EMPTY -> random.nextLong(3 * MINUTE, 20 * MINUTE);
            case LANDING, TAKEOFF -> random.nextLong(30_000L, 90_000L);
            case CHARGING -> random.nextLong(8 * MINUTE, 30 * MINUTE);
        };
    }

    private static Phase next(Phase phase) {
        return Phase.values()[(phase.ordinal() + 1) % Phase.values().length];
    }
}
