package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxSpoolTest {

    @TempDir
    Path dir;

    private SpoolConfig config(long maxBytes) {
        return new SpoolConfig(dir.resolve("spool").resolve("influx.mv"), maxBytes);
    }

    @Test
    void replaysBatchesOldestFirst() {
        try (InfluxSpool spool = new InfluxSpool(config(1 << 20))) {
            spool.append(List.of("m v=1 1", "m v=2 2"));
            spool.append(List.of("m v=3 3"));
            assertThat(spool.points()).isEqualTo(3);
            InfluxSpool.Batch first = spool.oldest();
            assertThat(first.lines()).containsExactly("m v=1 1", "m v=2 2");
            spool.remove(first);
            assertThat(spool.oldest().lines()).containsExactly("m v=3 3");
            spool.remove(spool.oldest());
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.oldest()).isNull();
        }
    }

    @Test
    void survivesAProcessThatDiesWithoutClosing() {
        InfluxSpool crashed = new InfluxSpool(config(1 << 20));
        crashed.append(List.of("m v=1 1"));
        crashed.append(List.of("m v=2 2"));
        crashed.closeAbruptly();
        try (InfluxSpool reopened = new InfluxSpool(config(1 << 20))) {
            assertThat(reopened.points()).isEqualTo(2);
            assertThat(reopened.oldest().lines()).containsExactly("m v=1 1");
        }
    }

    @Test
    void refusesWhatDoesNotFitAndSaysItIsFull() {
        try (InfluxSpool spool = new InfluxSpool(config(1 << 20))) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                batch.add("environment,tenant=nanan,thing=nanan:iaq-0001 co2=" + i + " " + i);
            }
            int stored = 0;
            while (spool.append(batch)) {
                stored++;
            }
            assertThat(stored).isPositive();
            assertThat(spool.isFull()).isTrue();
            assertThat(spool.bytes()).isLessThanOrEqualTo(1 << 20);
            spool.remove(spool.oldest());
            assertThat(spool.isFull()).isFalse();
        }
    }
}
