package io.parkops.adapters.ingest;

import io.parkops.model.ThingId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per device: {@code ratePerSecond} messages a second on average, bursts of up to
 * {@code burst}. Only provisioned devices get a bucket (the caller checks first), so hostile
 * addresses cannot grow the map. Cheap: one map lookup and a few arithmetic operations.
 *
 * <p>Two ways to use it: {@link #tryAcquire} refuses when the bucket is empty (CoAP 4.29, MQTT
 * QoS 0), {@link #reserve} books the next token and says how long to wait for it (MQTT QoS 1: the
 * PUBACK waits, so the device is slowed down and nothing it was told is stored is lost). A
 * reservation may run the bucket into debt, but only up to {@code maxWait}: beyond that the
 * device is abusive and refused.
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
        return reserve(device, nowNanos, 0) == 0;
    }

    /**
     * Books one token for the device: 0 when it is there now, else the nanoseconds until it will be
     * (the caller holds the message that long), or -1, booking nothing, when that would be more than
     * {@code maxWaitNanos}.
     */
    public long reserve(ThingId device, long nowNanos, long maxWaitNanos) {
        if (!enabled()) {
            return 0;
        }
        return buckets.computeIfAbsent(device, d -> new Bucket(burst, nowNanos)).reserve(ratePerSecond, burst, nowNanos, maxWaitNanos);
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

        synchronized long reserve(double rate, double burst, long now, long maxWait) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            long wait = (long) Math.ceil((1 - tokens) / rate * 1e9);
            if (wait > maxWait) {
                return -1;
            }
            tokens -= 1; // into debt: the tokens of the next (wait) nanoseconds are this message's
            return wait;
        }
    }
}
