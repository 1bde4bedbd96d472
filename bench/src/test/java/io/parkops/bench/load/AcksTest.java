package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcksTest {

    @Test
    void neverLetsMoreThanTheBoundBeUnanswered() throws Exception {
        Acks acks = new Acks(3);
        for (int i = 0; i < 3; i++) {
            assertThat(acks.acquire(10)).isTrue();
        }
        assertThat(acks.acquire(10)).isFalse();
        assertThat(acks.unanswered()).isEqualTo(3);
        acks.done(Sender.Outcome.ACCEPTED);
        assertThat(acks.acquire(10)).isTrue();
        assertThat(acks.acquire(10)).isFalse();
    }

    @Test
    void countsEachOutcomeAndFreesItsPermit() throws Exception {
        Acks acks = new Acks(10);
        for (int i = 0; i < 6; i++) {
            acks.acquire(10);
        }
        acks.done(Sender.Outcome.ACCEPTED);
        acks.done(Sender.Outcome.ACCEPTED);
        acks.done(Sender.Outcome.REFUSED);
        acks.done(Sender.Outcome.FAILED);
        assertThat(acks.accepted()).isEqualTo(2);
        assertThat(acks.refused()).isEqualTo(1);
        assertThat(acks.unanswered()).isEqualTo(2);
    }

    @Test
    void awaitAllWaitsForTheLastOutcomeAndGivesUpAfterItsTimeout() throws Exception {
        Acks acks = new Acks(4);
        acks.acquire(10);
        acks.acquire(10);
        acks.done(Sender.Outcome.ACCEPTED);
        assertThat(acks.awaitAll(50)).isFalse();
        Thread answer = new Thread(() -> acks.done(Sender.Outcome.ACCEPTED));
        answer.start();
        assertThat(acks.awaitAll(5_000)).isTrue();
        assertThat(acks.unanswered()).isZero();
    }
}
