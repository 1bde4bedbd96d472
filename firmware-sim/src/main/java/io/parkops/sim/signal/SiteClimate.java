package io.parkops.sim.signal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Outdoor weather and the working day of one site, as pure functions of time.
 *
 * <p>Every device of a site shares one instance, so rooftop PV follows the same irradiance
 * that the weather station reports and office CO2 follows the same working day everywhere.
 * The climate is a subtropical Chinese one (hot humid summers, mild winters), which fits both
 * lead parks.
 */
public final class SiteClimate {

    private static final double HOUR = 3_600_000.0;
    private static final double YEAR_DAYS = 365.0;

    private final ZoneId zone;
    private final ValueNoise clouds;
    private final ValueNoise warmth;
    private final ValueNoise wind;
    private final ValueNoise windVeer;
    private final ValueNoise pressureSystem;

    public SiteClimate(long seed, ZoneId zone) {
        this.zone = zone;
        this.clouds = new ValueNoise(seed + 1);
        this.warmth = new ValueNoise(seed + 2);
        this.wind = new ValueNoise(seed + 3);
        this.windVeer = new ValueNoise(seed + 4);
        this.pressureSystem = new ValueNoise(seed + 5);
    }

    public ZoneId zone() {
        return zone;
    }

    public ZonedDateTime localTime(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone);
    }

    /** Cloud cover 0 (clear) to 1 (overcast); weather fronts pass over tens of minutes. */
    public double cloudiness(long t) {
        return Math.pow(clouds.at(t / (40 * 60_000.0)), 1.5);
    }

    /** Outdoor air temperature, °C: seasonal mean, afternoon peak, slow weather swings. */
    public double outdoorTemperature(long t) {
        ZonedDateTime local = localTime(t);
        double amplitude = 4 * (1 - 0.5 * cloudiness(t));
        double diurnal = amplitude * Math.cos(2 * Math.PI * (hourOfDay(local) - 15) / 24);
        return seasonalMean(t) + diurnal + 3 * (warmth.at(t / (6 * HOUR)) - 0.5);
    }

    /** Relative humidity, %: higher under cloud and in the cool of the night. */
    public double outdoorHumidity(long t) {
        double afternoonDryness = 1.8 * (outdoorTemperature(t) - seasonalMean(t));
        return Values.clamp(62 + 30 * cloudiness(t) - afternoonDryness, 15, 100);
    }

    /** Global horizontal irradiance, W/m²: zero at night, a sine over the day, cut by clouds. */
    public double irradiance(long t) {
        ZonedDateTime local = localTime(t);
        double season = Math.sin(2 * Math.PI * (local.getDayOfYear() - 80) / YEAR_DAYS);
        double dayLength = 12 + 2 * season;
        double sunrise = 12.4 - dayLength / 2;
        double sinceSunrise = hourOfDay(local) - sunrise;
        if (sinceSunrise <= 0 || sinceSunrise >= dayLength) {
            return 0;
        }
        double elevation = Math.sin(Math.PI * sinceSunrise / dayLength);
        double peak = 1000 * (0.85 + 0.15 * season);
        return peak * Math.pow(elevation, 1.3) * (1 - 0.75 * cloudiness(t));
    }

    /** Rain, mm/h: only under the heaviest cloud, so most samples are dry. */
    public double rainRate(long t) {
        double cloud = cloudiness(t);
        return cloud <= 0.75 ? 0 : (cloud - 0.75) / 0.25 * 12;
    }

    /** Sea-level pressure, hPa: slow systems over half a day, lower under cloud. */
    public double pressure(long t) {
        return 1013 + 16 * (pressureSystem.at(t / (12 * HOUR)) - 0.5) - 4 * cloudiness(t);
    }

    /** Ten-minute mean wind speed, m/s, stronger when a front brings clouds. */
    public double meanWindSpeed(long t) {
        return 0.8 + 8 * Math.pow(wind.at(t / (45 * 60_000.0)), 1.3) + 3 * cloudiness(t);
    }

    /** Prevailing wind direction, degrees from north, veering slowly around south-east. */
    public double windDirection(long t) {
        return Math.floorMod(Math.round(150 + 240 * (windVeer.at(t / (6 * HOUR)) - 0.5)), 360);
    }

    /**
     * Share of office desks in use, 0–1: arrivals from 8:00, a lunch dip, departures after
     * 17:30; almost empty at weekends and at night.
     */
    public double officeOccupancy(long t) {
        ZonedDateTime local = localTime(t);
        double h = hourOfDay(local);
        DayOfWeek day = local.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return Values.piecewise(h, 9, 0, 11, 0.08, 16, 0.08, 18, 0);
        }
        return Values.piecewise(h, 7, 0.0, 8, 0.3, 9.5, 0.9, 12, 0.85, 12.5, 0.55,
                13.5, 0.85, 17.5, 0.9, 19, 0.3, 21, 0.08, 23, 0);
    }

    private double seasonalMean(long t) {
        return 17 + 10 * Math.sin(2 * Math.PI * (localTime(t).getDayOfYear() - 105) / YEAR_DAYS);
    }

    private static double hourOfDay(ZonedDateTime local) {
        return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    }
}
