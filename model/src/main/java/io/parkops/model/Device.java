package io.parkops.model;

import java.util.Map;
import java.util.Objects;

/**
 * A provisioned device: its identity, its type and the attributes that place it in the park
 * ({@code building}, {@code floor}, {@code zone}, {@code parent} and any free-form others).
 */
public record Device(ThingId id, String typeId, Map<String, String> attributes) {

    public static final String BUILDING = "building";
    public static final String FLOOR = "floor";
    public static final String ZONE = "zone";
    public static final String PARENT = "parent";

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(typeId, "typeId");
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
