package io.parkops.twins.desired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The built-in types' commands (ARCHITECTURE §3): {@code hvac-loop} obeys {@code setSetpoint}. */
public final class BuiltinCommands implements CommandCatalog {

    private static final Map<String, List<CommandSpec>> COMMANDS = Map.of("hvac-loop", List.of(
            new CommandSpec("loop", "setpoint", "setSetpoint", "setpoint", 0.1, Duration.ofMinutes(10))));

    @Override
    public List<CommandSpec> commandsFor(String typeId) {
        return COMMANDS.getOrDefault(typeId, List.of());
    }
}
