package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pacing loop's end: what is sent when the loop is late and when the in-flight bound holds it back. */
class LoadGenMainTest {

    private static final LoadArgs ONE_SECOND = new LoadArgs("mqtt", "127.0.0.1", 1883, 100, 1, 4, "t", "d", 1, 5, 0);

    @Test
    @Timeout(20)
    void aLoopThatWakesPastTheEndStillSendsEveryDueMessageWhilePermitsAreFree() throws Exception {
        Acks acks = new Acks(ONE_SECOND.inflight());
        // The first send holds the pacing thread past the run's end, as a slow wake-up on a busy machine does.
        Answering sender = new Answering(acks, 1_500);

        LoadResult result = new LoadGenMain(ONE_SECOND, sender, acks).run();

        assertThat(result.sent()).isEqualTo(100);
        assertThat(result.accepted()).isEqualTo(100);
        assertThat(sender.devices).hasSize(100);
    }

    @Test
    @Timeout(20)
    void pastTheEndTheInFlightBoundStopsTheRun() throws Exception {
        Acks acks = new Acks(ONE_SECOND.inflight());
        List<Integer> devices = new ArrayList<>();
        Sender holding = new Sender() { // answers nothing until 3 s after the start: every permit stays taken
            @Override
            public void send(int device, byte[] payload) {
                devices.add(device);
            }

            @Override
            public void close() {
            }
        };
        Thread answers = new Thread(() -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < ONE_SECOND.inflight(); i++) {
                acks.done(Sender.Outcome.ACCEPTED);
            }
        });
        answers.start();

        LoadResult result = new LoadGenMain(ONE_SECOND, holding, acks).run();

        assertThat(result.offered()).isEqualTo(100);
        assertThat(result.sent()).isEqualTo(5);
        assertThat(result.accepted()).isEqualTo(5);
        assertThat(devices).containsExactly(0, 1, 2, 3, 0);
    }

    /** Answers every message at once as accepted; the first one after a pause. */
    private static final class Answering implements Sender {
        private final Acks acks;
        private final long firstPauseMs;
        final List<Integer> devices = new ArrayList<>();

        Answering(Acks acks, long firstPauseMs) {
            this.acks = acks;
            this.firstPauseMs = firstPauseMs;
        }

        @Override
        public void send(int device, byte[] payload) {
            if (devices.isEmpty()) {
                try {
                    Thread.sleep(firstPauseMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            devices.add(device);
            acks.done(Outcome.ACCEPTED);
        }

        @Override
        public void close() {
        }
    }
}
