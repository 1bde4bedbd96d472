package io.parkops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.bench.load.LoadResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepResultTest {

    private static StepResult step(int rate, long sent, long accepted, long refused, long stored, long twins) {
        return new StepResult("ParkOps", "mqtt", rate, new LoadResult(rate * 10L, sent, accepted, refused, sent - accepted - refused,
                1, 2, 10.0), stored, twins, Map.of("ParkOps", 0.5), null, null);
    }

    @Test
    void aStepKeepsUpWhenEverythingAcceptedIsStoredAndInTheTwins() {
        assertThat(step(1000, 10_000, 10_000, 0, 10_000, 10_000).sustained()).isTrue();
    }

    @Test
    void messagesAcknowledgedButNotStoredAreLost() {
        StepResult s = step(1000, 10_000, 10_000, 0, 9_000, 10_000);
        assertThat(s.lost()).isEqualTo(1000);
        assertThat(s.sustained()).isFalse();
    }

    @Test
    void pointsThatArriveAfterTheStepAreLateNotLostButTheStepDidNotKeepUp() {
        StepResult s = step(4000, 40_000, 40_000, 0, 30_000, 40_000).withStoredFinally(40_000);
        assertThat(s.lost()).isZero();
        assertThat(s.late()).isEqualTo(10_000);
        assertThat(s.sustained()).isFalse();
        assertThat(step(4000, 40_000, 40_000, 0, 30_000, 40_000).withStoredFinally(35_000).lost()).isEqualTo(5_000);
    }

    @Test
    void missingTwinChangesCountAsLossToo() {
        assertThat(step(1000, 10_000, 10_000, 0, 10_000, 9_500).lost()).isEqualTo(500);
    }

    @Test
    void aSenderHeldBackBelowTheOfferedRateDidNotKeepUp() {
        assertThat(step(1000, 8_000, 8_000, 0, 8_000, 8_000).sustained()).isFalse();
    }

    @Test
    void withoutAStoreOnlyTheSubscriberCountDecidesLoss() {
        assertThat(step(1000, 10_000, 10_000, 0, -1, -1).lost()).isZero();
        assertThat(step(1000, 10_000, 10_000, 0, -1, 9_990).lost()).isEqualTo(10);
    }

    @Test
    void sustainedIsTheHighestRateThatKeptUp() {
        List<StepResult> steps = List.of(step(1000, 10_000, 10_000, 0, 10_000, 10_000),
                step(2000, 20_000, 20_000, 0, 20_000, 20_000), step(4000, 40_000, 40_000, 0, 30_000, 30_000));
        assertThat(BenchResults.sustained(steps)).isEqualTo(2000.0);
        assertThat(step(1000, 10_000, 10_000, 0, 10_000, 10_000).cpuMicrosPerMessage("ParkOps")).isEqualTo(500.0);
    }
}
