package io.parkops.sim.signal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A rooftop PV string inverter (feature {@code pv}). AC power follows the site irradiance the
 * weather stations report, derated as the modules heat up; the yields integrate it, the daily
 * one restarting at local midnight.
 */
final class PvInverterSignal implements DeviceSignal {

    private static final double STC_IRRADIANCE = 1000;
    private static final double TEMP_COEFFICIENT = 0.004;

    private final SplittableRandom random;
    private final SiteClimate climate;
    private final double ratedKw;
    private double totalKwh;
    private double dailyKwh;
    private LocalDate day;
    private long lastMillis = Long.MIN_VALUE;
    private double lastKw;

    PvInverterSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.climate = context.climate();
        this.ratedKw = random.nextDouble(50, 250);
        this.totalKwh = random.nextDouble(50_000, 400_000);
    }

    @Override
    public Map<String, Object> sample(long t) {
        double irradiance = climate.irradiance(t);
        double ambient = climate.outdoorTemperature(t);
        double acKw = acPower(irradiance, ambient);
        integrate(t, acKw);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("acPower", Values.round(acKw, 2));
        r.put("dcVoltage", Values.round(dcVoltage(irradiance), 1));
        r.put("dailyYield", Values.round(dailyKwh, 2));
        r.put("totalYield", Values.round(totalKwh, 1));
        r.put("inverterTemp", Values.round(ambient + 4 + 22 * acKw / ratedKw + random.nextGaussian() * 0.2, 1));
        r.put("status", acKw > 0.5 ? "running" : irradiance > 0 ? "standby" : "sleeping");
        return r;
    }

    static double cellTemperature(double ambient, double irradiance) {
        return ambient + 0.03 * irradiance;
    }

    private double acPower(double irradiance, double ambient) {
        if (irradiance <= 0) {
            return 0;
        }
        double derate = 1 - TEMP_COEFFICIENT * (cellTemperature(ambient, irradiance) - 25);
        double kw = ratedKw * irradiance / STC_IRRADIANCE * 0.96 * derate * (1 + random.nextGaussian() * 0.005);
        return Values.clamp(kw, 0, ratedKw);
    }

    /** Strings sit near their MPP voltage once there is light; the inverter sleeps at night. */
    private double dcVoltage(double irradiance) {
        if (irradiance <= 0) {
            return 0;
        }
        return 560 + 140 * Math.min(1, irradiance / 150) + random.nextGaussian() * 2;
    }

    private void integrate(long t, double acKw) {
        LocalDate today = climate.localTime(t).toLocalDate();
        if (!today.equals(day)) {
            day = today;
            dailyKwh = 0;
        }
        if (lastMillis != Long.MIN_VALUE) {
            double kwh = Values.hoursBetween(lastMillis, t) * (lastKw + acKw) / 2;
            dailyKwh += kwh;
            totalKwh += kwh;
        }
        lastMillis = t;
        lastKw = acKw;
    }
}
