package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final long S = 1_000_000_000L;

    @Test
    void doublesFromOneToThirtySecondsAndResetsOnSuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(backoff.waiting(0)).isFalse();
        assertThat(backoff.failed(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.waiting(S / 2)).isTrue();
        assertThat(backoff.waiting(S)).isFalse();
        assertThat(backoff.failed(S)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed(3 * S)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.failed(7 * S)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.failed(15 * S)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.failed(31 * S)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.failed(61 * S)).isEqualTo(Duration.ofSeconds(30));
        backoff.succeeded();
        assertThat(backoff.failing()).isFalse();
        assertThat(backoff.waiting(62 * S)).isFalse();
        assertThat(backoff.failed(62 * S)).isEqualTo(Duration.ofSeconds(1));
    }
}
