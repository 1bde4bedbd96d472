package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SettlementTest {

    @Test
    void completesOnlyWhenEverythingOfferedBeforeIsSettled() {
        Settlement s = new Settlement();
        s.offered(3);
        CompletableFuture<Void> first = s.whenSettled();
        s.offered(2);
        CompletableFuture<Void> second = s.whenSettled();
        s.settled(2);
        assertThat(first).isNotDone();
        s.settled(1);
        assertThat(first).isDone();
        assertThat(second).isNotDone();
        s.settled(2);
        assertThat(second).isDone();
        assertThat(s.hasWaiters()).isFalse();
    }

    @Test
    void isDoneAtOnceWhenNothingIsOutstanding() {
        Settlement s = new Settlement();
        s.offered(1);
        s.settled(1);
        assertThat(s.whenSettled()).isDone();
    }
}
