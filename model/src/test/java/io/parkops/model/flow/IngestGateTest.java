package io.parkops.model.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestGateTest {

    @Test
    void refusesBeyondItsBoundUntilAPermitComesBack() {
        IngestGate gate = new IngestGate(2, 5);
        assertThat(gate.tryEnter()).isNull();
        assertThat(gate.tryEnter()).isNull();
        assertThat(gate.tryEnter()).contains("2 messages are already on their way");
        assertThat(gate.inFlight()).isEqualTo(2);
        gate.leave();
        assertThat(gate.tryEnter()).isNull();
    }

    @Test
    void refusesWhileTheSinkIsBacklogged() {
        IngestGate gate = new IngestGate(10, 5);
        String[] backlog = {"the spool is nearly full"};
        gate.watchSink(() -> backlog[0]);
        assertThat(gate.tryEnter()).isEqualTo("the spool is nearly full");
        assertThat(gate.inFlight()).isZero();
        backlog[0] = null;
        assertThat(gate.tryEnter()).isNull();
    }

    @Test
    void neverCountsBelowZero() {
        IngestGate gate = new IngestGate(1, 1);
        gate.leave();
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void refusesNonsenseBounds() {
        assertThatThrownBy(() -> new IngestGate(0, 1)).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> new IngestGate(1, 0)).hasMessageContaining("retryAfterSeconds");
    }
}
