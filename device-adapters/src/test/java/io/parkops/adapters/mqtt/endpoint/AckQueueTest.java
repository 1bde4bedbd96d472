package io.parkops.adapters.mqtt.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckQueueTest {

    private final AckQueue<String> acks = new AckQueue<>();

    @Test
    void aLaterMessageStoredFirstWaitsForTheEarlierOnes() {
        AckQueue.Slot<String> first = acks.add(1, 0);
        AckQueue.Slot<String> second = acks.add(2, 0);
        AckQueue.Slot<String> third = acks.add(3, 0);
        acks.settle(third, "stored");
        acks.settle(second, "stored");
        assertThat(acks.takeReady()).isEmpty();
        acks.settle(first, "refused");
        assertThat(ids(acks.takeReady())).containsExactly(1, 2, 3);
        assertThat(acks.size()).isZero();
    }

    @Test
    void theHeadGoesOutAloneWhileTheNextIsUndecided() {
        AckQueue.Slot<String> first = acks.add(1, 0);
        acks.add(2, 0);
        acks.settle(first, "stored");
        assertThat(ids(acks.takeReady())).containsExactly(1);
        assertThat(acks.size()).isEqualTo(1);
    }

    @Test
    void theFirstOutcomeWins() {
        AckQueue.Slot<String> slot = acks.add(7, 0);
        assertThat(acks.settle(slot, "timed out")).isTrue();
        assertThat(acks.settle(slot, "stored")).isFalse();
        assertThat(acks.takeReady().get(0).outcome()).isEqualTo("timed out");
    }

    @Test
    void onlyMessagesOlderThanTheTimeoutExpire() {
        AckQueue.Slot<String> old = acks.add(1, 0);
        AckQueue.Slot<String> decided = acks.add(2, 10);
        AckQueue.Slot<String> young = acks.add(3, 50);
        acks.settle(decided, "stored");
        assertThat(acks.expire(60, 40, "timed out")).isEqualTo(1);
        assertThat(old.outcome()).isEqualTo("timed out");
        assertThat(decided.outcome()).isEqualTo("stored");
        assertThat(young.settled()).isFalse();
        assertThat(ids(acks.takeReady())).containsExactly(1, 2);
    }

    @Test
    void abandoningSettlesEveryWaitingMessageSoNoneIsHandedOnLater() {
        AckQueue.Slot<String> a = acks.add(1, 0);
        AckQueue.Slot<String> b = acks.add(2, 0);
        acks.abandonAll("closed");
        assertThat(a.outcome()).isEqualTo("closed");
        assertThat(b.outcome()).isEqualTo("closed");
        assertThat(acks.size()).isZero();
    }

    private static List<Integer> ids(List<AckQueue.Slot<String>> slots) {
        return slots.stream().map(AckQueue.Slot::messageId).toList();
    }
}
