package io.parkops.twins.desired;

import io.parkops.model.CommandType;
import io.parkops.model.DataType;
import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import io.parkops.model.PropertyType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands of each device type as its definition declares them ({@code "commands"} in the type
 * file), so a type added or changed at run time gets its closed loop without Java code.
 *
 * <p>A declared command sets one desired property and carries it under the property's own name
 * ({@code setSetpoint} sends {@code {"setpoint": 24.0}}). A number has converged when the reported
 * value is within a thousandth of the declared range (0.1 when the range is open); other values must
 * match exactly. A command not delivered within {@link #TTL} expires.
 *
 * <p>The tracker asks on every twin event, so the mapping is kept per type definition and made again
 * only when the catalog hands out a new definition (hot reload).
 */
public final class TypeCommands implements CommandCatalog {

    static final Duration TTL = Duration.ofMinutes(10);
    private static final double OPEN_RANGE_TOLERANCE = 0.1;

    private final DeviceTypes types;
    private final Map<String, Mapped> byType = new ConcurrentHashMap<>();

    public TypeCommands(DeviceTypes types) {
        this.types = types;
    }

    @Override
    public List<CommandSpec> commandsFor(String typeId) {
        if (typeId == null) {
            return List.of();
        }
        DeviceType type = types.find(typeId).orElse(null);
        if (type == null) {
            byType.remove(typeId);
            return List.of();
        }
        Mapped mapped = byType.get(typeId);
        if (mapped == null || mapped.type() != type) {
            mapped = new Mapped(type, type.commands().stream().map(TypeCommands::spec).toList());
            byType.put(typeId, mapped);
        }
        return mapped.specs();
    }

    static CommandSpec spec(CommandType command) {
        return new CommandSpec(command.feature(), command.property(), command.name(), command.property(),
                tolerance(command.parameter()), TTL);
    }

    private static double tolerance(PropertyType parameter) {
        if (parameter.type() != DataType.NUMBER) {
            return 0;
        }
        if (parameter.minimum() == null || parameter.maximum() == null) {
            return OPEN_RANGE_TOLERANCE;
        }
        return (parameter.maximum() - parameter.minimum()) / 1000;
    }

    private record Mapped(DeviceType type, List<CommandSpec> specs) {
    }
}
