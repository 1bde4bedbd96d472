package io.parkops.adapters.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.ThingId;
import org.junit.jupiter.api.Test;

class DeviceRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final ThingId a = ThingId.of("nanan", "iaq-0001");
    private final ThingId b = ThingId.of("nanan", "iaq-0002");

    @Test
    void allowsABurstThenTheRate() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(2, 3);
        assertThat(limiter.tryAcquire(a, 0)).isTrue();
        assertThat(limiter.tryAcquire(a, 0)).isTrue();
        assertThat(limiter.tryAcquire(a, 0)).isTrue();
        assertThat(limiter.tryAcquire(a, 0)).isFalse();
        assertThat(limiter.tryAcquire(a, SECOND / 2)).isTrue(); // one token back after half a second at 2/s
        assertThat(limiter.tryAcquire(a, SECOND / 2)).isFalse();
    }

    @Test
    void oneDevicesFloodDoesNotLimitAnother() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(1, 1);
        assertThat(limiter.tryAcquire(a, 0)).isTrue();
        assertThat(limiter.tryAcquire(a, 0)).isFalse();
        assertThat(limiter.tryAcquire(b, 0)).isTrue();
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(10, 2);
        limiter.tryAcquire(a, 0);
        long later = 3600 * SECOND;
        assertThat(limiter.tryAcquire(a, later)).isTrue();
        assertThat(limiter.tryAcquire(a, later)).isTrue();
        assertThat(limiter.tryAcquire(a, later)).isFalse();
    }

    @Test
    void rateZeroIsNoLimit() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(0, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(a, 0)).isTrue();
        }
    }

    @Test
    void aReservationSaysHowLongToWaitAndBooksTheTokensInOrder() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(2, 1); // one token every half second
        long maxWait = 10 * SECOND;
        assertThat(limiter.reserve(a, 0, maxWait)).isZero();
        assertThat(limiter.reserve(a, 0, maxWait)).isEqualTo(SECOND / 2);
        assertThat(limiter.reserve(a, 0, maxWait)).isEqualTo(SECOND);
        assertThat(limiter.reserve(a, SECOND, maxWait)).as("a second later the debt is half paid").isEqualTo(SECOND / 2);
        assertThat(limiter.reserve(b, 0, maxWait)).as("another device has its own bucket").isZero();
    }

    @Test
    void aReservationBeyondTheBoundBooksNothing() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(1, 1);
        assertThat(limiter.reserve(a, 0, SECOND)).isZero();
        assertThat(limiter.reserve(a, 0, SECOND)).isEqualTo(SECOND);
        assertThat(limiter.reserve(a, 0, SECOND)).as("two seconds ahead, bound one").isEqualTo(-1);
        assertThat(limiter.reserve(a, SECOND, SECOND)).as("the refused one booked nothing").isEqualTo(SECOND);
        assertThat(limiter.tryAcquire(a, SECOND)).isFalse();
    }

    @Test
    void withoutALimitNothingWaits() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(0, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.reserve(a, 0, 0)).isZero();
        }
    }
}
