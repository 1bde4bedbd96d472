package io.parkops.twins.store;

import io.parkops.model.ThingId;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;

/**
 * One change of one twin, in the order the store applied it. SSE, the WebSocket and the
 * desired-state tracker all read these, so every consumer sees the same sequence per thing.
 *
 * <p>For a device message both the patch and the whole thing are made only when a listener asks
 * for them: most messages have no listener that does (no stream open, a type without commands).
 * A listener asking while it is called (inside the change) gets the twin at this revision; one
 * asking later, from another thread, gets it as it is then.
 */
public final class ThingEvent {

    /** Ditto's four kinds of thing events. */
    public enum Action {
        CREATED("created"), MODIFIED("modified"), MERGED("merged"), DELETED("deleted");

        private final String dittoName;

        Action(String dittoName) {
            this.dittoName = dittoName;
        }

        public String dittoName() {
            return dittoName;
        }
    }

    private final ThingId id;
    private final Action action;
    private final JsonPointer path;
    private final long revision;
    private final Instant modified;
    private final String origin;
    private final String type;
    private Supplier<JsonValue> valueSource;
    private JsonValue value;
    private final Supplier<Thing> thing;

    /**
     * @param id       the twin
     * @param action   what happened at {@code path}
     * @param path     the changed part of the thing, empty for the whole thing
     * @param value    the new value at {@code path} (for {@link Action#MERGED} the patch), made on first
     *                 use; null (or yielding null) when deleted
     * @param revision the twin's revision after the change
     * @param modified when the change was applied
     * @param thing    the whole twin after the change; null when the thing was deleted
     * @param type     the twin's device type (its attribute {@code type}), empty when it has none
     * @param origin   who made the change: {@code device}, {@code http}, {@code ws}, {@code rule:{id}}, ...
     */
    ThingEvent(ThingId id, Action action, JsonPointer path, Supplier<JsonValue> value, long revision, Instant modified,
               Supplier<Thing> thing, String type, String origin) {
        this.id = id;
        this.action = action;
        this.path = path;
        this.valueSource = value;
        this.revision = revision;
        this.modified = modified;
        this.thing = thing;
        this.type = type;
        this.origin = origin;
    }

    public ThingId id() {
        return id;
    }

    public Action action() {
        return action;
    }

    public JsonPointer path() {
        return path;
    }

    /** The new value at {@link #path()} (the patch of a merge); null when deleted. */
    public synchronized JsonValue value() {
        if (valueSource != null) {
            value = valueSource.get();
            valueSource = null;
        }
        return value;
    }

    public long revision() {
        return revision;
    }

    public Instant modified() {
        return modified;
    }

    /** Whether the whole thing was deleted (then {@link #thing()} is null). */
    public boolean deleted() {
        return thing == null;
    }

    /** The whole twin after the change (see the class comment), null when it was deleted. */
    public Thing thing() {
        return thing == null ? null : thing.get();
    }

    /** The twin's device type, empty when it has none; cheap, unlike {@link #thing()}. */
    public String type() {
        return type;
    }

    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "ThingEvent[" + id + ' ' + action.dittoName() + ' ' + path + " rev " + revision + " by " + origin + ']';
    }
}
