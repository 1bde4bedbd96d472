package io.parkops.twins.store;

import io.parkops.model.ThingId;
import java.time.Instant;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;

/**
 * One change of one twin, in the order the store applied it. SSE, the WebSocket and the
 * desired-state tracker all read these, so every consumer sees the same sequence per thing.
 *
 * @param id       the twin
 * @param action   what happened at {@code path}
 * @param path     the changed part of the thing, empty for the whole thing
 * @param value    the new value at {@code path} (for {@link Action#MERGED} the patch); absent when deleted
 * @param revision the twin's revision after the change
 * @param modified when the change was applied
 * @param thing    the whole twin after the change, {@code null} when the thing was deleted
 * @param origin   who made the change: {@code device}, {@code http}, {@code ws}, {@code rule:{id}}, ...
 */
public record ThingEvent(ThingId id, Action action, JsonPointer path, JsonValue value, long revision, Instant modified,
                         Thing thing, String origin) {

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
}
