package io.parkops.bench.load;

/**
 * The sending schedule: message {@code k} (0-based) is due once {@code rate × elapsed ≥ k + 1}.
 * The loop sends everything due, then sleeps until the next message is due but at least
 * {@link #MIN_SLEEP_NANOS}: above 200 msg/s the messages of 5 ms go out together. Wake-ups, not
 * messages, were most of the generator's CPU (measured: 1 ms ticks cost 28 µs/msg at 10,000 msg/s,
 * 5 ms ticks 15 µs/msg), and a batch lets the MQTT client write it with one flush per connection.
 * Each message still carries its own send time, so latency is measured per message.
 */
final class Pacer {

    static final long MIN_SLEEP_NANOS = 5_000_000;
    private static final long SECOND = 1_000_000_000L;
    private final long rate;
    private final long total;
    private final long endNanos;

    Pacer(int ratePerSecond, int seconds) {
        if (ratePerSecond <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("rate and seconds must be positive, were " + ratePerSecond + " and " + seconds);
        }
        this.rate = ratePerSecond;
        this.total = (long) ratePerSecond * seconds;
        this.endNanos = seconds * SECOND;
    }

    /** How many messages should have been sent {@code elapsedNanos} after the start; all of them once it is over. */
    long due(long elapsedNanos) {
        return elapsedNanos >= endNanos ? total : Math.min(total, rate * elapsedNanos / SECOND);
    }

    boolean over(long elapsedNanos) {
        return elapsedNanos >= endNanos;
    }

    /** Past this the run stops waiting for permits: a due message goes only if the in-flight bound lets it at once. */
    long stopSendingNanos() {
        return endNanos + MIN_SLEEP_NANOS;
    }

    /** Sleep after {@code sent} messages at {@code elapsedNanos}: to the next due one, one tick at least, not past the end. */
    long sleepNanos(long sent, long elapsedNanos) {
        long nextDue = ((sent + 1) * SECOND + rate - 1) / rate; // exact integer arithmetic: no message early
        long sleep = Math.max(MIN_SLEEP_NANOS, nextDue - elapsedNanos);
        return Math.max(0, Math.min(sleep, endNanos - elapsedNanos));
    }
}
