package io.parkops.sim.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A rooftop weather station (feature {@code weather}): the site climate as this roof feels it,
 * with gusty wind that wanders around the site's mean.
 */
final class WeatherStationSignal implements DeviceSignal {

    private static final double MAX_WIND = 15;

    private final SplittableRandom random;
    private final SiteClimate climate;
    private final double exposure;
    private final double altitudeHpa;
    private double wind = Double.NaN;

    WeatherStationSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.climate = context.climate();
        this.exposure = random.nextDouble(0.85, 1.15);
        this.altitudeHpa = random.nextDouble(-1.5, 0.5);
    }

    @Override
    public Map<String, Object> sample(long t) {
        double speed = windSpeed(t);
        double gust = Math.min(speed * random.nextDouble(1.2, 1.7) + random.nextDouble(0, 1.5), 25);
        long direction = Math.floorMod(Math.round(climate.windDirection(t) + random.nextGaussian() * 15), 360L);
        double irradiance = climate.irradiance(t) * random.nextDouble(0.98, 1.02);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("windSpeed", Values.round(speed, 1));
        r.put("windGust", Values.round(Math.max(gust, speed), 1));
        r.put("windDirection", direction);
        r.put("temperature", Values.round(climate.outdoorTemperature(t) + 0.002 * irradiance
                + random.nextGaussian() * 0.1, 1));
        r.put("humidity", Values.round(Values.clamp(climate.outdoorHumidity(t) + random.nextGaussian() * 0.5, 0, 100), 1));
        r.put("pressure", Values.round(climate.pressure(t) + altitudeHpa + random.nextGaussian() * 0.05, 1));
        r.put("irradiance", Math.round(irradiance));
        r.put("rainRate", Values.round(climate.rainRate(t), 1));
        return r;
    }

    /** Mean-reverting wander around the site's mean wind, so samples are correlated, not white noise. */
    private double windSpeed(long t) {
        double mean = climate.meanWindSpeed(t) * exposure;
        wind = Double.isNaN(wind) ? mean : wind + 0.3 * (mean - wind) + random.nextGaussian() * 0.6;
        wind = Values.clamp(wind, 0, MAX_WIND);
        return wind;
    }
}
