package io.parkops.sim.signal;

import static io.parkops.sim.signal.SignalFixture.SUMMER_MORNING;
import static io.parkops.sim.signal.SignalFixture.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HvacCommandTest {

    @Test
    void setSetpointMovesTheSetpointAtOnceAndTheProcessValueWithLag() {
        DeviceSignal hvac = SignalFixture.signal("hvac-loop", 7);
        SignalFixture.run(hvac, SUMMER_MORNING, 60_000, 30); // settle on 22 °C

        assertThat(hvac.command("setSetpoint", "{\"setpoint\":26.0}")).isEqualTo(200);
        List<Map<String, Object>> after = SignalFixture.run(hvac, SUMMER_MORNING + 30 * 60_000, 60_000, 20);

        assertThat(number(after.get(0), "setpoint")).isEqualTo(26.0);
        assertThat(number(after.get(1), "processValue")).as("one minute later, still on the way").isLessThan(25.0);
        assertThat(number(after.get(19), "processValue")).as("after a few time constants").isCloseTo(26.0,
                org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void refusesUnknownCommandsAndBadArguments() {
        DeviceSignal hvac = SignalFixture.signal("hvac-loop", 7);
        assertThat(hvac.acceptsCommands()).isTrue();
        assertThat(hvac.command("reboot", "{}")).isEqualTo(404);
        assertThat(hvac.command("setSetpoint", "{\"setpoint\":\"warm\"}")).isEqualTo(400);
        assertThat(hvac.command("setSetpoint", "not json")).isEqualTo(400);
        assertThat(hvac.command("setSetpoint", "{\"setpoint\":500}")).isEqualTo(400);
        assertThat(SignalFixture.signal("iaq-sensor", 7).command("setSetpoint", "{\"setpoint\":20}")).isEqualTo(404);
    }
}
