package io.parkops.adapters.codec;

/** Decides whether a device's timestamp can be trusted, for every codec alike. */
final class DeviceClock {

    /** Device clocks more than this far in the future are not trusted. */
    static final long MAX_FUTURE_SKEW_MS = 5 * 60_000L;
    /** Older device timestamps than this are taken for a clock that was never set. */
    static final long MAX_PAST_MS = 365L * 24 * 3600_000L;

    private DeviceClock() {
    }

    /** The device time when sane, else ingest time: a drifting clock must not put points years away. */
    static long saneOrNow(long deviceMillis, long now) {
        return deviceMillis > now + MAX_FUTURE_SKEW_MS || deviceMillis < now - MAX_PAST_MS ? now : deviceMillis;
    }
}
