package io.parkops.adapters.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.ThingId;
import io.parkops.model.command.DeviceCommand;
import org.junit.jupiter.api.Test;

class CommandDeliveryTest {

    private static final ThingId HVAC = ThingId.of("north-park", "hvac-1");

    @Test
    void buildsRequestTopicsAndParsesResponseTopics() {
        DeviceCommand c = new DeviceCommand(HVAC, "ab12", "setSetpoint", "{\"setpoint\":21}", Long.MAX_VALUE);
        assertThat(CommandTopics.request(c)).isEqualTo("command/north-park/hvac-1/req/ab12/setSetpoint");
        CommandTopics.Response r = CommandTopics.parseResponse("command/north-park/hvac-1/res/ab12/200");
        assertThat(r).isEqualTo(new CommandTopics.Response(HVAC, "ab12", 200));
        assertThat(CommandTopics.parseResponse("command/north-park/hvac-1/res/ab12/ok")).isNull();
        assertThat(CommandTopics.parseResponse("command/North/hvac-1/res/ab12/200")).isNull();
        assertThat(CommandTopics.parseResponse("command/north-park/hvac-1/req/ab12/200")).isNull();
    }

    @Test
    void pendingCommandsKeepTheLatestPerNameAndDropExpiredOnes() {
        PendingCommands pending = new PendingCommands();
        pending.offer(new DeviceCommand(HVAC, "old", "setSetpoint", "{\"setpoint\":20}", 1_000));
        pending.offer(new DeviceCommand(HVAC, "new", "setSetpoint", "{\"setpoint\":21}", 10_000));
        pending.offer(new DeviceCommand(HVAC, "gone", "setMode", "{}", 100));
        assertThat(pending.take(HVAC, 500).reqId()).isEqualTo("new");
        assertThat(pending.take(HVAC, 500)).as("setMode expired at 100").isNull();
    }

    @Test
    void anAnsweredCommandIsNotHandedOutAgain() {
        PendingCommands pending = new PendingCommands();
        pending.offer(new DeviceCommand(HVAC, "r1", "setSetpoint", "{}", Long.MAX_VALUE));
        pending.answered(HVAC, "r1");
        assertThat(pending.take(HVAC, 0)).isNull();
    }
}
