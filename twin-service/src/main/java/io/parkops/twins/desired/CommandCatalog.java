package io.parkops.twins.desired;

import java.util.List;

/**
 * The commands a device type accepts for its desired properties ({@link TypeCommands} reads them
 * from the type definitions).
 */
public interface CommandCatalog {

    /** The commands of {@code typeId}; empty when desired properties of that type stay in the twin only. */
    List<CommandSpec> commandsFor(String typeId);
}
