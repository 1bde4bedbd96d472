package io.parkops.sim;

/** Turns {@code --rate} (messages per second of the whole fleet) into the interval of each device. */
final class FleetRate {

    private FleetRate() {
    }

    /** The interval that makes {@code devices} devices send {@code options.rate()} messages per second, or 0 without a rate. */
    static long intervalMillis(SimOptions options, int devices) {
        if (options.rate() <= 0 || devices == 0) {
            return 0;
        }
        long millis = Math.round(devices * 1000.0 / options.rate());
        if (millis < 1) {
            throw new IllegalArgumentException("rate " + options.rate() + "/s needs each of the " + devices
                    + " devices to send more than once per millisecond; use --devices " + (int) Math.ceil(options.rate() / 1000) + " or more");
        }
        return millis;
    }
}
