package io.parkops.twins.store;

import io.parkops.model.ThingId;
import java.util.Objects;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * One edit of a twin made through the API (Ditto's PUT, PATCH or DELETE at a path), as the other
 * nodes of a cluster apply it to their copy of the twin. It was checked (preconditions, Ditto's
 * model) on the node it was made on; elsewhere it is applied as it is.
 *
 * @param value the JSON written (PUT) or merged (PATCH) as text; null for DELETE
 */
public record TwinEdit(Op op, ThingId thing, String path, String value, long at, String origin) {

    public enum Op { PUT, MERGE, DELETE }

    public TwinEdit {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(thing, "thing");
        Objects.requireNonNull(path, "path");
        if (op != Op.DELETE && value == null) {
            throw new IllegalArgumentException(op + " of " + thing + " at '" + path + "' has no value");
        }
    }

    JsonPointer pointer() {
        return JsonPointer.of(path);
    }

    JsonValue json() {
        return JsonFactory.readFrom(value);
    }
}
