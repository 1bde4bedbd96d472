package io.parkops.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command a device of a type accepts, declared as data so that the twin service can turn a
 * desired-property change into a device command without knowing the type in Java.
 *
 * <p>Example ({@code hvac-loop}): {@code setSetpoint} sets the desired property
 * {@code loop.setpoint}; its parameter is a number in °C between 5 and 90.
 *
 * @param name        command name as it appears in the command topic / CoAP response ({@code setSetpoint})
 * @param feature     twin feature whose desired property the command sets
 * @param property    the desired property it sets (declared in that feature)
 * @param parameter   kind, unit and range of the one value the command carries
 * @param description what the command does, for people and the WoT Thing Model
 */
public record CommandType(String name, String feature, String property, PropertyType parameter, String description) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public CommandType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("command name '" + name + "' must match [A-Za-z][A-Za-z0-9_-]{0,63}");
        }
        Objects.requireNonNull(feature, "command '" + name + "': feature is required");
        Objects.requireNonNull(property, "command '" + name + "': property is required");
        Objects.requireNonNull(parameter, "command '" + name + "': parameter is required");
    }
}
