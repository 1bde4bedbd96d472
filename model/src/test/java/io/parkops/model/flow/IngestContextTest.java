package io.parkops.model.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestContextTest {

    /** Records every answer it is given. */
    private static final class Recorded implements IngestContext.Answer {
        final List<String> answers = new ArrayList<>();

        @Override
        public synchronized void stored() {
            answers.add("stored");
        }

        @Override
        public synchronized void refused(Rejection reason, String text) {
            answers.add(reason.label() + ": " + text);
        }
    }

    @Test
    void endsExactlyOnceWhateverComesSecond() {
        Recorded answer = new Recorded();
        IngestContext context = IngestContext.of(0, answer);

        assertThat(context.stored()).isTrue();
        assertThat(context.refused(Rejection.NOT_STORED, "late")).isFalse();
        assertThat(context.stored()).isFalse();

        assertThat(answer.answers).containsExactly("stored");
        assertThat(context.isDone()).isTrue();
    }

    @Test
    void aRefusalIsTheOnlyAnswerAndTheDeviceIsNeverAcknowledgedAfterIt() {
        Recorded answer = new Recorded();
        IngestContext context = IngestContext.of(0, answer);

        context.refused(Rejection.NOT_STORED, "the spool is full");
        context.stored();

        assertThat(answer.answers).containsExactly("not_stored: the spool is full");
    }

    @Test
    void endingGivesThePermitBackOnceEvenWhenTheSinkAlsoReleasesIt() {
        IngestGate gate = new IngestGate(2, 1);
        IngestContext stored = IngestContext.of(0, new Recorded());
        IngestContext refused = IngestContext.of(0, new Recorded());
        assertThat(gate.tryEnter()).isNull();
        stored.holding(gate);
        assertThat(gate.tryEnter()).isNull();
        refused.holding(gate);
        assertThat(gate.inFlight()).isEqualTo(2);

        stored.releasePermit(); // the writer queued its points
        stored.stored();
        stored.releasePermit();
        refused.refused(Rejection.NOT_STORED, "twin update failed");
        refused.releasePermit();

        assertThat(gate.inFlight()).isZero();
        assertThat(stored.holdsPermit()).isFalse();
    }

    @Test
    void abandoningEndsWithoutAnAnswerButReturnsThePermit() {
        IngestGate gate = new IngestGate(1, 1);
        Recorded answer = new Recorded();
        IngestContext context = IngestContext.of(0, answer);
        gate.tryEnter();
        context.holding(gate);

        assertThat(context.abandon()).isTrue();
        context.stored();

        assertThat(answer.answers).isEmpty();
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void anEdgeThatGaveUpMakesTheMessageDone() {
        IngestContext context = IngestContext.of(0, new IngestContext.Answer() {
            @Override
            public void stored() {
            }

            @Override
            public void refused(Rejection reason, String text) {
            }

            @Override
            public boolean gaveUp() {
                return true;
            }
        });
        assertThat(context.isDone()).isTrue();
    }

    @Test
    void concurrentEndingsAnswerOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Recorded answer = new Recorded();
                IngestGate gate = new IngestGate(1, 1);
                gate.tryEnter();
                IngestContext context = IngestContext.of(0, answer).holding(gate);
                CountDownLatch start = new CountDownLatch(1);
                List<java.util.concurrent.Future<?>> racers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    boolean store = i % 2 == 0;
                    racers.add(pool.submit(() -> {
                        start.await();
                        return store ? context.stored() : context.refused(Rejection.NOT_STORED, "race");
                    }));
                }
                start.countDown();
                for (var racer : racers) {
                    racer.get(5, TimeUnit.SECONDS);
                }
                assertThat(answer.answers).hasSize(1);
                assertThat(gate.inFlight()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noneEndsNothingAndCannotHoldAPermit() {
        assertThat(IngestContext.NONE.stored()).isFalse();
        assertThat(IngestContext.NONE.isDone()).isFalse();
        assertThat(IngestContext.NONE.awaitsAnswer()).isFalse();
        assertThatThrownBy(() -> IngestContext.NONE.holding(new IngestGate(1, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bestEffortMessagesHoldPermitsButAwaitNoAnswer() {
        IngestGate gate = new IngestGate(1, 1);
        gate.tryEnter();
        IngestContext context = IngestContext.bestEffort(0).holding(gate);
        assertThat(context.awaitsAnswer()).isFalse();
        context.releasePermit();
        assertThat(gate.inFlight()).isZero();
    }
}
