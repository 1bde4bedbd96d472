package io.parkops.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void reportsAtMostOnceASecondWithRateAndTimeLeft() {
        ImportProgress progress = new ImportProgress(1000, 0, SECOND);
        String line = null;
        for (int i = 1; i <= 99; i++) {
            assertThat(progress.rowDone(false, i * SECOND / 100)).as("row %d, before the first second", i).isNull();
        }
        line = progress.rowDone(true, SECOND); // 100 rows in 1 s: 900 left at 100/s
        assertThat(line).isEqualTo("provisioning: 100/1000 (1 rejected), 100 devices/s, about 9 s left");
        assertThat(progress.rowDone(false, SECOND + 1)).isNull();
    }

    @Test
    void alwaysReportsTheLastRowWithTheTotalTime() {
        ImportProgress progress = new ImportProgress(2, 0, SECOND);
        assertThat(progress.rowDone(false, SECOND / 10)).isNull();
        assertThat(progress.rowDone(false, SECOND / 5)).isEqualTo("provisioning: 2/2 (0 rejected), 10 devices/s in 0 s");
    }

    @Test
    void saysLongRemaindersInMinutesAndHours() {
        ImportProgress slow = new ImportProgress(100_000, 0, SECOND);
        for (int i = 1; i < 13; i++) {
            slow.rowDone(false, i);
        }
        // 13 devices/s, the pace of one bcrypt at a time: about two hours for an estate
        assertThat(slow.rowDone(false, SECOND)).isEqualTo("provisioning: 13/100000 (0 rejected), 13 devices/s, about 2.1 h left");
        assertThat(ImportProgress.duration(600)).isEqualTo("10 min");
    }
}
