package io.parkops.twins.store;

import java.time.Instant;
import java.util.Optional;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingBuilder;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * Pure edits of a thing's JSON at a path (PUT, RFC 7396 merge patch, DELETE), re-validated by
 * Ditto's model so a twin never holds JSON Ditto itself would refuse.
 */
public final class ThingEdits {

    private ThingEdits() {
    }

    /** The value at {@code path} of the thing's regular JSON, empty when absent. */
    public static Optional<JsonValue> valueAt(Thing thing, JsonPointer path) {
        JsonObject json = thing.toJson();
        return path.isEmpty() ? Optional.of(json) : json.getValue(path);
    }

    /** The entity tag Ditto-style: {@code "rev:N"} for the whole thing, a content hash for a part. */
    public static Optional<String> etag(Thing thing, JsonPointer path) {
        if (thing == null) {
            return Optional.empty();
        }
        if (path.isEmpty()) {
            return Optional.of("\"rev:" + revision(thing) + '"');
        }
        return valueAt(thing, path).map(v -> "\"hash:" + Integer.toHexString(v.hashCode()) + '"');
    }

    /** A device's value as JSON: numbers and booleans as such, anything else as its text. */
    public static JsonValue json(Object value) {
        if (value instanceof Number n) {
            return JsonValue.of(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return JsonValue.of(b);
        }
        return JsonValue.of(String.valueOf(value));
    }

    public static long revision(Thing thing) {
        return thing.getRevision().map(r -> r.toLong()).orElse(0L);
    }

    static Thing put(Thing thing, JsonPointer path, JsonValue value) {
        requireFeatureFor(thing, path);
        return rebuild(thing.toJson().setValue(path, value), thing);
    }

    static Thing merge(Thing thing, JsonPointer path, JsonValue patch) {
        requireFeatureFor(thing, path);
        JsonValue merged = JsonMergePatch.of(path, patch).applyOn(thing.toJson());
        if (!merged.isObject()) {
            throw TwinException.invalid("A merge patch of the whole thing must be a JSON object.");
        }
        return rebuild(merged.asObject(), thing);
    }

    static Thing delete(Thing thing, JsonPointer path) {
        return rebuild(thing.toJson().remove(path), thing);
    }

    /** Validates a complete thing JSON (with its id) through Ditto's model. */
    static Thing parse(JsonObject json) {
        try {
            return ThingsModelFactory.newThing(json);
        } catch (DittoRuntimeException | IllegalArgumentException | NullPointerException e) {
            throw TwinException.invalid("The thing JSON is not valid: " + e.getMessage());
        }
    }

    /** Next revision of {@code before} with the edited content, keeping its id and creation time. */
    static Thing nextRevision(Thing edited, Thing before, Instant now) {
        ThingBuilder.FromCopy builder = edited.toBuilder();
        if (edited.getMetadata().isEmpty() && before.getMetadata().isPresent()) {
            builder.setMetadata(before.getMetadata().get()); // API edits carry no metadata: keep ParkOps' own
        }
        return builder
                .setId(before.getEntityId().orElseThrow())
                .setRevision(revision(before) + 1)
                .setCreated(before.getCreated().orElse(now))
                .setModified(now)
                .build();
    }

    static Thing withMetadata(Thing thing, JsonPointer path, JsonValue value) {
        org.eclipse.ditto.base.model.entity.metadata.Metadata current = thing.getMetadata()
                .orElse(ThingsModelFactory.emptyMetadata());
        JsonObject updated = value == null ? current.remove(path) : current.setValue(path, value);
        return thing.toBuilder().setMetadata(ThingsModelFactory.newMetadata(updated)).build();
    }

    private static Thing rebuild(JsonObject json, Thing before) {
        JsonObject withId = json.setValue("thingId", before.getEntityId().orElseThrow().toString());
        return parse(withId);
    }

    /** Ditto refuses to write a feature's properties when the feature does not exist. */
    private static void requireFeatureFor(Thing thing, JsonPointer path) {
        if (path.getLevelCount() >= 3 && path.get(0).map(k -> k.toString().equals("features")).orElse(false)) {
            String feature = path.get(1).orElseThrow().toString();
            if (thing.getFeatures().flatMap(f -> f.getFeature(feature)).isEmpty()) {
                throw new TwinException(404, "things:feature.notfound", "The Feature with ID '" + feature
                        + "' on the Thing with ID '" + thing.getEntityId().orElseThrow() + "' could not be found or"
                        + " the requester had insufficient permissions to access it.",
                        "Create the feature first or check its id.");
            }
        }
    }
}
