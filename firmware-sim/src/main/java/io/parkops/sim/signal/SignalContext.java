package io.parkops.sim.signal;

import java.util.Objects;

/**
 * What a device signal needs to know about its surroundings.
 *
 * @param seed           the device's own seed (derived from the run seed and its identity)
 * @param climate        the site's shared weather and working day
 * @param runStartMillis when the simulation started; drives the demo CO2 surge
 * @param co2Surge       {@code true} for the one crowded meeting room per site whose CO2 climbs
 *                       past 1000 ppm within seconds, so a demo raises an alert quickly
 */
public record SignalContext(long seed, SiteClimate climate, long runStartMillis, boolean co2Surge) {

    public SignalContext {
        Objects.requireNonNull(climate, "climate");
    }
}
