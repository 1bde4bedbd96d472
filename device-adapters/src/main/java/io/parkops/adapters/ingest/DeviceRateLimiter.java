package io.parkops.adapters.ingest;

import io.parkops.model.ThingId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per device: {@code ratePerSecond} messages a second on average, bursts of up to
 * {@code burst}. Only provisioned devices get a bucket (the caller checks first), so hostile
 * addresses cannot grow the map. Cheap: one map lookup and a few arithmetic operations.
 */
public final class DeviceRateLimiter {

    private final double ratePerSecond;
    private final double burst;
    private final ConcurrentMap<ThingId, Bucket> buckets = new ConcurrentHashMap<>();

    /** {@code ratePerSecond} 0 turns the limit off. */
    public DeviceRateLimiter(double ratePerSecond, int burst) {
        if (ratePerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be >= 0 and burst >= 1, were " + ratePerSecond + " and " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    public boolean enabled() {
        return ratePerSecond > 0;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Takes one token for the device at {@code nowNanos}; false when its bucket is empty. */
    public boolean tryAcquire(ThingId device, long nowNanos) {
        if (!enabled()) {
            return true;
        }
        return buckets.computeIfAbsent(device, d -> new Bucket(burst, nowNanos)).take(ratePerSecond, burst, nowNanos);
    }

    /** Forgets a removed device's bucket. */
    public void forget(ThingId device) {
        buckets.remove(device);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }

        synchronized boolean take(double rate, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
