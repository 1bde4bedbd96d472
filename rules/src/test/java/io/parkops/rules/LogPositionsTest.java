package io.parkops.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogPositionsTest {

    @Test
    void aReadingIsAdmittedOnceAndOnlyPastWhereThePartitionStands() {
        LogPositions positions = new LogPositions();
        assertThat(positions.admit(3, 10)).as("nothing known of partition 3 yet").isTrue();
        assertThat(positions.admit(3, 10)).as("the same reading again").isFalse();
        assertThat(positions.admit(3, 7)).as("an older one").isFalse();
        assertThat(positions.admit(3, 11)).isTrue();
        assertThat(positions.admit(4, 0)).as("another partition stands on its own").isTrue();
        assertThat(positions.takeChanged()).isEqualTo(Map.of(3, 11L, 4, 0L));
        assertThat(positions.takeChanged()).as("nothing moved since").isEmpty();
    }

    @Test
    void aTakenOverPartitionStartsWhereThePreviousOwnerStoodAndAGivenUpOneIsForgotten() {
        LogPositions positions = new LogPositions();
        positions.adopt(Map.of(5, 100L));
        assertThat(positions.admit(5, 100)).as("evaluated by the previous owner").isFalse();
        assertThat(positions.admit(5, 101)).isTrue();
        positions.adopt(Map.of(5, 90L));
        assertThat(positions.admit(5, 101)).as("an older hand-over does not move it back").isFalse();

        assertThat(positions.remove(Set.of(5, 6))).as("where the given up partitions stood").isEqualTo(Map.of(5, 101L));
        assertThat(positions.takeChanged()).as("a given up partition is not saved again").isEmpty();
        assertThat(positions.admit(5, 50)).as("forgotten: a later owner decides").isTrue();
    }
}
