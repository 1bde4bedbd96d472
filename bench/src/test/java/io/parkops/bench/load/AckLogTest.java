package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckLogTest {

    @Test
    void everyAcceptedMessageWithItsTimestampIsLoggedAndTimed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acked.txt");
        AckLog log = new AckLog(file);
        Acks acks = new Acks(4, log);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            acks.acquire(10);
        }
        acks.done(Sender.Outcome.ACCEPTED, "telemetry/bench/d7", now - 20);
        acks.done(Sender.Outcome.FAILED, "telemetry/bench/d8", now - 10); // not acknowledged: not logged
        acks.done(Sender.Outcome.ACCEPTED, "telemetry/bench/d12", now);
        assertThat(acks.accepted()).isEqualTo(2);
        assertThat(acks.unanswered()).isZero();
        assertThat(acks.latency().getTotalCount()).isEqualTo(2);
        assertThat(acks.latency().getTotalCount()).as("taken once").isZero();
        log.write();
        assertThat(Files.readAllLines(file)).containsExactly("d7 " + (now - 20), "d12 " + now);
    }
}
