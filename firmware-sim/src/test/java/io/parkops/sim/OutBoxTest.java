package io.parkops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutBoxTest {

    private static byte[] report(int n) {
        return new byte[] {(byte) n};
    }

    @Test
    void keepsTheNewestReportsAndSaysHowManyOldOnesItDropped() {
        OutBox box = new OutBox(3);
        int dropped = 0;
        for (int i = 1; i <= 5; i++) {
            dropped += box.add(report(i));
        }

        assertThat(dropped).isEqualTo(2);
        assertThat(box.size()).isEqualTo(3);
        assertThat(box.poll()).containsExactly(3);
        assertThat(box.poll()).containsExactly(4);
    }

    @Test
    void aFailedSendGoesBackToTheHeadUnlessNewerReportsFilledTheBox() {
        OutBox box = new OutBox(2);
        box.add(report(1));
        box.add(report(2));
        byte[] first = box.poll();

        assertThat(box.putBack(first)).isZero();
        assertThat(box.poll()).containsExactly(1);
        box.add(report(3));
        assertThat(box.putBack(first)).as("full: the failed one is the oldest and goes").isEqualTo(1);
        assertThat(box.size()).isEqualTo(2);
    }

    @Test
    void aBoxOfNoCapacityDropsEverything() {
        OutBox box = new OutBox(0);

        assertThat(box.add(report(1))).isEqualTo(1);
        assertThat(box.isEmpty()).isTrue();
    }
}
