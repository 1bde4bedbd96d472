package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = 1_000_000;
    private static final long SECOND = 1_000_000_000;

    @Test
    void dueFollowsTheRateAndIsEverythingOnceTheRunIsOver() {
        Pacer pacer = new Pacer(10_000, 2);
        assertThat(pacer.due(0)).isZero();
        assertThat(pacer.due(MS)).isEqualTo(10);
        assertThat(pacer.due(SECOND)).isEqualTo(10_000);
        assertThat(pacer.due(2 * SECOND - 1)).isLessThan(20_000);
        assertThat(pacer.due(2 * SECOND)).isEqualTo(20_000);
        assertThat(pacer.due(3 * SECOND)).isEqualTo(20_000);
    }

    @Test
    void batchesHighRatesIntoTicksOfTheMinimumSleep() {
        assertThat(new Pacer(10_000, 1).sleepNanos(10, MS)).isEqualTo(Pacer.MIN_SLEEP_NANOS);
    }

    @Test
    void sleepsUntilTheNextMessageAtLowRates() {
        assertThat(new Pacer(50, 1).sleepNanos(0, 0)).isEqualTo(20 * MS);
        assertThat(new Pacer(50, 1).sleepNanos(1, 25 * MS)).isEqualTo(15 * MS);
    }

    @Test
    void neverSleepsPastTheEnd() {
        assertThat(new Pacer(1, 1).sleepNanos(0, SECOND - 3 * MS)).isEqualTo(3 * MS);
        assertThat(new Pacer(1, 1).sleepNanos(0, SECOND)).isZero();
    }

    @Test
    void aRunOnAVirtualClockSendsExactlyRateTimesSecondsNeverAheadOfSchedule() {
        for (int rate : new int[] {7, 500, 2_000, 10_000, 20_000}) {
            Pacer pacer = new Pacer(rate, 3);
            long sent = 0;
            for (long now = 0; ; now += pacer.sleepNanos(sent, now)) {
                long due = pacer.due(now);
                assertThat(due).isLessThanOrEqualTo(rate * now / SECOND);
                sent = due;
                if (pacer.over(now)) {
                    break;
                }
            }
            assertThat(sent).as("rate %d", rate).isEqualTo(3L * rate);
        }
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new Pacer(0, 1)).hasMessageContaining("rate and seconds must be positive");
    }
}
