package io.parkops.twins.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.CommandType;
import io.parkops.model.DataType;
import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import io.parkops.model.FeatureType;
import io.parkops.model.PropertyType;
import io.parkops.twins.TestTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

/** Commands come from the type definitions, follow a reloaded definition and carry the property's name. */
class TypeCommandsTest {

    private static DeviceType pump(List<CommandType> commands) {
        return new DeviceType("pump", "1.0.0", "pump", 10, Map.of("pump", new FeatureType(Map.of(
                "speed", new PropertyType(DataType.NUMBER, "rpm", null, null, "speed"),
                "mode", new PropertyType(DataType.STRING, null, null, null, "mode", List.of("on", "off"))))),
                commands, null, null);
    }

    @Test
    void aDeclaredNumberCommandConvergesWithinAThousandthOfItsRange() {
        CommandSpec spec = new TypeCommands(TestTypes.TYPES).commandsFor("hvac-loop").get(0);
        assertThat(spec.command()).isEqualTo("setSetpoint");
        assertThat(spec.payload(JsonValue.of(23.5))).isEqualTo("{\"setpoint\":23.5}");
        assertThat(spec.converged(JsonValue.of(23.5), JsonValue.of(23.58))).isTrue();
        assertThat(spec.converged(JsonValue.of(23.5), JsonValue.of(23.6))).isFalse();
    }

    @Test
    void aStringCommandNeedsTheExactValueAndAnOpenRangeUsesATenth() {
        DeviceType pump = pump(List.of(
                new CommandType("setMode", "pump", "mode", new PropertyType(DataType.STRING, null, null, null, "m"), "m"),
                new CommandType("setSpeed", "pump", "speed", new PropertyType(DataType.NUMBER, "rpm", null, null, "s"), "s")));
        List<CommandSpec> specs = new TypeCommands(id -> Optional.of(pump)).commandsFor("pump");
        assertThat(specs).extracting(CommandSpec::command).containsExactly("setMode", "setSpeed");
        assertThat(specs.get(0).converged(JsonValue.of("off"), JsonValue.of("off"))).isTrue();
        assertThat(specs.get(0).converged(JsonValue.of("off"), JsonValue.of("on"))).isFalse();
        assertThat(specs.get(1).tolerance()).isEqualTo(0.1);
    }

    @Test
    void aReloadedDefinitionIsFollowedAndUnknownTypesHaveNone() {
        AtomicReference<DeviceType> current = new AtomicReference<>(pump(List.of()));
        DeviceTypes types = id -> id.equals("pump") ? Optional.of(current.get()) : Optional.empty();
        TypeCommands commands = new TypeCommands(types);
        assertThat(commands.commandsFor("pump")).isEmpty();
        current.set(pump(List.of(new CommandType("setSpeed", "pump", "speed",
                new PropertyType(DataType.NUMBER, "rpm", 0.0, 3000.0, "s"), "s"))));
        assertThat(commands.commandsFor("pump")).extracting(CommandSpec::tolerance).containsExactly(3.0);
        assertThat(commands.commandsFor("fan")).isEmpty();
        assertThat(commands.commandsFor(null)).isEmpty();
    }
}
