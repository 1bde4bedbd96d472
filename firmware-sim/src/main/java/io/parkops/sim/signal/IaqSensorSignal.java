package io.parkops.sim.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An indoor-air-quality sensor in an office room (feature {@code environment}).
 *
 * <p>CO2 relaxes towards a level set by occupancy (about 420 ppm empty, under 900 ppm at a
 * busy desk floor) with the lag a ventilated room has. The one surge device per site is a
 * crowded meeting room: from the start of a run its CO2 climbs past 1000 ppm within about
 * ten seconds, holds near 1500 ppm for five minutes, then the ventilation clears it; the
 * cycle repeats every 15 minutes so a demo keeps raising and clearing alerts.
 */
final class IaqSensorSignal implements DeviceSignal {

    static final long SURGE_CYCLE_MILLIS = 15 * 60_000L;
    private static final long SURGE_RISE_MILLIS = 25_000L;
    private static final long SURGE_HOLD_MILLIS = 5 * 60_000L;
    private static final long SURGE_FALL_MILLIS = 2 * 60_000L;
    private static final double ROOM_AIR_CHANGE_MILLIS = 15 * 60_000.0;

    private final SplittableRandom random;
    private final SiteClimate climate;
    private final long runStart;
    private final boolean surge;
    private final double crowding;
    private final double thermalOffset;
    private double officeCo2 = Double.NaN;
    private long lastMillis;

    IaqSensorSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.climate = context.climate();
        this.runStart = context.runStartMillis();
        this.surge = context.co2Surge();
        this.crowding = random.nextDouble(0.8, 1.0);
        this.thermalOffset = random.nextDouble(-0.6, 0.6);
    }

    @Override
    public Map<String, Object> sample(long t) {
        double occupancy = climate.officeOccupancy(t) * crowding;
        double co2 = updateOfficeCo2(t, occupancy);
        boolean surging = surge && surgePhase(t) < SURGE_RISE_MILLIS + SURGE_HOLD_MILLIS;
        if (surge) {
            co2 = surgeCo2(t, co2);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("temperature", Values.round(temperature(t, occupancy, surging), 1));
        r.put("humidity", Values.round(humidity(t, occupancy), 1));
        r.put("co2", Math.round(co2));
        r.put("pm25", Values.round(Values.clamp(8 + 12 * occupancy + Math.abs(random.nextGaussian()) * 3, 1, 150), 1));
        r.put("tvoc", Math.round(Values.clamp(60 + 260 * occupancy + (surging ? 300 : 0)
                + random.nextGaussian() * 15, 0, 2000)));
        r.put("illuminance", Math.round(illuminance(t, occupancy)));
        r.put("occupancy", surging || random.nextDouble() < occupancy);
        return r;
    }

    /** First-order approach to the occupancy-driven level; clamped to what an office sees. */
    private double updateOfficeCo2(long t, double occupancy) {
        double target = 420 + 470 * occupancy;
        if (Double.isNaN(officeCo2)) {
            officeCo2 = target;
        } else {
            double alpha = 1 - Math.exp(-Math.max(0, t - lastMillis) / ROOM_AIR_CHANGE_MILLIS);
            officeCo2 += (target - officeCo2) * alpha;
        }
        lastMillis = t;
        return Values.clamp(officeCo2 + random.nextGaussian() * 8, 400, 900);
    }

    private double surgeCo2(long t, double normal) {
        long phase = surgePhase(t);
        if (phase < SURGE_RISE_MILLIS) {
            return 650 + 900.0 * phase / SURGE_RISE_MILLIS;
        }
        double crowded = Values.clamp(1500 + random.nextGaussian() * 40, 1300, 1600);
        if (phase < SURGE_RISE_MILLIS + SURGE_HOLD_MILLIS) {
            return crowded;
        }
        long falling = phase - SURGE_RISE_MILLIS - SURGE_HOLD_MILLIS;
        if (falling < SURGE_FALL_MILLIS) {
            return crowded + (normal - crowded) * falling / SURGE_FALL_MILLIS;
        }
        return normal;
    }

    private long surgePhase(long t) {
        return Math.floorMod(t - runStart, SURGE_CYCLE_MILLIS);
    }

    private double temperature(long t, double occupancy, boolean surging) {
        double outdoorPull = 0.08 * (climate.outdoorTemperature(t) - 20);
        double crowdHeat = surging ? 1.2 : 0;
        return Values.clamp(21.2 + 2 * occupancy + outdoorPull + thermalOffset + crowdHeat
                + random.nextGaussian() * 0.1, 15, 32);
    }

    private double humidity(long t, double occupancy) {
        return Values.clamp(40 + 0.25 * (climate.outdoorHumidity(t) - 60) + 6 * occupancy
                + random.nextGaussian() * 0.5, 15, 80);
    }

    /** Lights are on while people are in; daylight through the windows adds a little. */
    private double illuminance(long t, double occupancy) {
        double daylight = 0.08 * climate.irradiance(t);
        double lamps = occupancy > 0.05 ? 330 + 180 * occupancy : 3;
        return Values.clamp(lamps + daylight + random.nextGaussian() * 10, 0, 2000);
    }
}
