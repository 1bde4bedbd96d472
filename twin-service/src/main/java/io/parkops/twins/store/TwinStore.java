package io.parkops.twins.store;

import io.parkops.model.Device;
import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import java.time.Instant;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingBuilder;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * The twins, one per device, held in memory for reads and made durable by {@link TwinPersistence}
 * in batches. A device message writes its values into the twin's {@link TwinEntry} as plain data;
 * the Ditto {@link Thing} is built when the API, a stream or the disk asks for it. API edits work on
 * the Thing, which is immutable. Every change of one twin runs inside
 * {@link ConcurrentHashMap#compute}, so revisions never race and listeners see each twin's events
 * in revision order whichever thread wrote them.
 */
public final class TwinStore {

    private static final JsonPointer FEATURES = JsonPointer.of("/features");

    private final ConcurrentHashMap<ThingId, TwinEntry> things = new ConcurrentHashMap<>();
    private final Collection<Thing> allThings = new AbstractCollection<>() {
        @Override
        public Iterator<Thing> iterator() {
            Iterator<TwinEntry> entries = things.values().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public Thing next() {
                    return entries.next().get();
                }
            };
        }

        @Override
        public int size() {
            return things.size();
        }
    };
    private final List<Consumer<ThingEvent>> listeners = new CopyOnWriteArrayList<>();
    private final DeviceTypes types;
    private final TwinPersistence persistence;

    /** An in-memory store (tests, tools); nothing survives the process. */
    /** Where API edits go for the other nodes of a cluster; null on a single node. */
    private volatile Consumer<TwinEdit> edits;

    public TwinStore(DeviceTypes types) {
        this(types, null);
    }

    /** A store backed by {@code persistence}; loads every committed twin. */
    public TwinStore(DeviceTypes types, TwinPersistence persistence) {
        this.types = types;
        this.persistence = persistence;
        if (persistence != null) {
            for (Thing thing : persistence.loadThings()) {
                things.put(ThingId.parseDitto(thing.getEntityId().orElseThrow().toString()), new TwinEntry(thing));
            }
        }
    }

    public Optional<Thing> find(ThingId id) {
        TwinEntry entry = things.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.get());
    }

    /** Every twin, built as it is read: a live view, as the map's own. */
    public Collection<Thing> all() {
        return allThings;
    }

    public int size() {
        return things.size();
    }

    /** {@code listener} is called for every change, inside the change; it must only hand the event on. */
    public Runnable subscribe(Consumer<ThingEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Completes when every change made so far is committed to disk. */
    public CompletableFuture<Void> commitSoon() {
        return persistence == null ? CompletableFuture.completedFuture(null) : persistence.commitSoon();
    }

    /** Creates the device's twin with its type's definition and attributes, unless it exists. */
    public Thing create(Device device, long now) {
        return things.compute(device.id(), (id, old) -> {
            if (old != null) {
                return old;
            }
            TwinEntry created = new TwinEntry(newThing(device, now));
            Thing thing = created.get();
            changed(id, ThingEvent.Action.CREATED, JsonPointer.empty(), thing.toJson(), created, "device-registry");
            return created;
        }).get();
    }

    public boolean remove(ThingId id) {
        return delete(id, JsonPointer.empty(), Preconditions.NONE, System.currentTimeMillis(), "device-registry") != null;
    }

    /**
     * Writes the message's values into the twin (creating it when missing) and says what changed;
     * the change carries the message's context on. No Ditto JSON is made here unless a listener asks.
     */
    public TwinChange apply(Telemetry telemetry, long now) {
        return apply(telemetry, now, change -> { });
    }

    /**
     * As above, handing the change to {@code publish} inside the twin's update, so changes of one twin
     * are published in revision order even when messages of that twin are applied on several threads.
     * {@code publish} must only hand the change on.
     */
    public TwinChange apply(Telemetry telemetry, long now, Consumer<TwinChange> publish) {
        Device device = telemetry.device();
        Map<String, Map<String, Object>> features = telemetry.features();
        Instant at = Instant.ofEpochMilli(now);
        TwinChange[] change = new TwinChange[1];
        things.compute(device.id(), (id, old) -> {
            TwinEntry entry = old == null ? new TwinEntry(newThing(device, now)) : old;
            entry.write(features, at);
            long revision = entry.revision();
            if (persistence != null) {
                persistence.stage(id.dittoId(), entry);
            }
            if (!listeners.isEmpty()) {
                ThingEvent event = new ThingEvent(id, ThingEvent.Action.MERGED, FEATURES, () -> patch(features), revision,
                        at, entry, entry.type(), "device");
                listeners.forEach(l -> l.accept(event));
            }
            change[0] = new TwinChange(device, revision, telemetry.timestamp(), features, telemetry.context());
            publish.accept(change[0]);
            return entry;
        });
        return change[0];
    }

    /**
     * Hands every edit made through {@link #put}, {@link #merge} and {@link #delete} (the API's) to
     * {@code edits} once it is applied here, for the other nodes of a cluster; call before serving.
     */
    public void handEditsTo(Consumer<TwinEdit> edits) {
        this.edits = edits;
    }

    /**
     * Takes a twin as the cluster last wrote it, in place of this store's copy (a node starting in a
     * cluster, before its feed: a copy from this node's disk or just made from the registry is older).
     */
    public void adoptSnapshot(Thing thing) {
        ThingId id = ThingId.parseDitto(thing.getEntityId().orElseThrow().toString());
        TwinEntry next = new TwinEntry(thing);
        things.put(id, next);
        if (persistence != null) {
            persistence.stage(id.dittoId(), next);
        }
    }

    /** Applies an edit another node made (and checked) through its API, without handing it on again. */
    public void applyFromElsewhere(TwinEdit edit) {
        switch (edit.op()) {
            case PUT -> putHere(edit.thing(), edit.pointer(), edit.json(), Preconditions.NONE, edit.at(), edit.origin());
            case MERGE -> mergeHere(edit.thing(), edit.pointer(), edit.json(), Preconditions.NONE, edit.at(), edit.origin());
            case DELETE -> deleteHere(edit.thing(), edit.pointer(), Preconditions.NONE, edit.at(), edit.origin());
        }
    }

    private void handOn(TwinEdit.Op op, ThingId id, JsonPointer path, JsonValue value, long now, String origin) {
        Consumer<TwinEdit> to = edits;
        if (to != null) {
            to.accept(new TwinEdit(op, id, path.toString(), value == null ? null : value.toString(), now, origin));
        }
    }

    /** Ditto's PUT at {@code path}: replaces (or creates) the value there. */
    public WriteResult put(ThingId id, JsonPointer path, JsonValue value, Preconditions pre, long now, String origin) {
        WriteResult result = putHere(id, path, value, pre, now, origin);
        handOn(TwinEdit.Op.PUT, id, path, value, now, origin);
        return result;
    }

    private WriteResult putHere(ThingId id, JsonPointer path, JsonValue value, Preconditions pre, long now, String origin) {
        WriteResult[] result = new WriteResult[1];
        things.compute(id, (key, entry) -> {
            Thing old = entry == null ? null : entry.get();
            pre.checkWrite(ThingEdits.etag(old, path));
            Instant at = Instant.ofEpochMilli(now);
            Thing next;
            boolean created;
            if (path.isEmpty()) {
                created = old == null;
                next = putWholeThing(id, value, old, at);
            } else {
                if (old == null) {
                    throw TwinException.thingNotFound(id.dittoId());
                }
                created = ThingEdits.valueAt(old, path).isEmpty();
                next = ThingEdits.nextRevision(ThingEdits.put(old, path, value), old, at);
            }
            result[0] = new WriteResult(created, next);
            return changed(key, created ? ThingEvent.Action.CREATED : ThingEvent.Action.MODIFIED, path, value, next, origin);
        });
        return result[0];
    }

    /** Ditto's PATCH ({@code application/merge-patch+json}) at {@code path}; {@code null} members delete. */
    public WriteResult merge(ThingId id, JsonPointer path, JsonValue patch, Preconditions pre, long now, String origin) {
        WriteResult result = mergeHere(id, path, patch, pre, now, origin);
        handOn(TwinEdit.Op.MERGE, id, path, patch, now, origin);
        return result;
    }

    private WriteResult mergeHere(ThingId id, JsonPointer path, JsonValue patch, Preconditions pre, long now, String origin) {
        WriteResult[] result = new WriteResult[1];
        things.compute(id, (key, entry) -> {
            if (entry == null) {
                throw TwinException.thingNotFound(id.dittoId());
            }
            Thing old = entry.get();
            pre.checkWrite(ThingEdits.etag(old, path));
            Thing next = ThingEdits.nextRevision(ThingEdits.merge(old, path, patch), old, Instant.ofEpochMilli(now));
            result[0] = new WriteResult(false, next);
            return changed(key, ThingEvent.Action.MERGED, path, patch, next, origin);
        });
        return result[0];
    }

    /** Ditto's DELETE at {@code path}; the whole thing when the path is empty. Returns the thing before. */
    public Thing delete(ThingId id, JsonPointer path, Preconditions pre, long now, String origin) {
        Thing before = deleteHere(id, path, pre, now, origin);
        if (before != null) {
            handOn(TwinEdit.Op.DELETE, id, path, null, now, origin);
        }
        return before;
    }

    private Thing deleteHere(ThingId id, JsonPointer path, Preconditions pre, long now, String origin) {
        Thing[] before = new Thing[1];
        things.compute(id, (key, entry) -> {
            if (entry == null) {
                return null;
            }
            Thing old = entry.get();
            pre.checkWrite(ThingEdits.etag(old, path));
            before[0] = old;
            if (path.isEmpty()) {
                if (persistence != null) {
                    persistence.stage(key.dittoId(), (Thing) null);
                }
                publish(new ThingEvent(key, ThingEvent.Action.DELETED, path, () -> null, ThingEdits.revision(old) + 1,
                        Instant.ofEpochMilli(now), null, entry.type(), origin));
                return null;
            }
            if (ThingEdits.valueAt(old, path).isEmpty()) {
                throw new TwinException(404, "things:path.notfound", "Nothing at '" + path + "' of the Thing with ID '"
                        + id.dittoId() + "'.", "Check the path.");
            }
            Thing next = ThingEdits.nextRevision(ThingEdits.delete(old, path), old, Instant.ofEpochMilli(now));
            return changed(key, ThingEvent.Action.DELETED, path, null, next, origin);
        });
        return before[0];
    }

    /** Sets (or with {@code null} removes) ParkOps' own metadata at {@code path}; a no-op for a missing twin. */
    public void setMetadata(ThingId id, JsonPointer path, JsonValue value, long now, String origin) {
        things.computeIfPresent(id, (key, entry) -> {
            Thing old = entry.get();
            Thing next = ThingEdits.nextRevision(ThingEdits.withMetadata(old, path, value), old, Instant.ofEpochMilli(now));
            return changed(key, ThingEvent.Action.MODIFIED, JsonPointer.of("/_metadata" + path), value, next, origin);
        });
    }

    /** The outcome of a write: whether it created the resource, and the twin after it. */
    public record WriteResult(boolean created, Thing thing) {
    }

    private Thing putWholeThing(ThingId id, JsonValue value, Thing old, Instant at) {
        if (!value.isObject()) {
            throw TwinException.invalid("The body of a PUT on a thing must be a JSON object.");
        }
        JsonObject json = value.asObject();
        Optional<String> bodyId = json.getValue("thingId").filter(JsonValue::isString).map(JsonValue::asString);
        if (bodyId.isPresent() && !bodyId.get().equals(id.dittoId())) {
            throw new TwinException(400, "things:id.notsettable", "The Thing ID in the request body ('" + bodyId.get()
                    + "') is not equal to the Thing ID in the request URL ('" + id.dittoId() + "').",
                    "Either delete the Thing ID from the request body or use the same Thing ID as in the URL.");
        }
        Thing parsed = ThingEdits.parse(json.setValue("thingId", id.dittoId()));
        if (old == null) {
            return parsed.toBuilder().setRevision(1).setCreated(at).setModified(at).build();
        }
        return ThingEdits.nextRevision(parsed, old, at);
    }

    /** An API edit: the twin is now {@code after}; returns its new entry. */
    private TwinEntry changed(ThingId id, ThingEvent.Action action, JsonPointer path, JsonValue value, Thing after,
                              String origin) {
        return changed(id, action, path, value, new TwinEntry(after), origin);
    }

    private TwinEntry changed(ThingId id, ThingEvent.Action action, JsonPointer path, JsonValue value, TwinEntry after,
                              String origin) {
        if (persistence != null) {
            persistence.stage(id.dittoId(), after);
        }
        Thing thing = after.get();
        publish(new ThingEvent(id, action, path, () -> value, after.revision(),
                thing.getModified().orElseGet(Instant::now), after, after.type(), origin));
        return after;
    }

    private void publish(ThingEvent event) {
        listeners.forEach(l -> l.accept(event));
    }

    /** A message's values as Ditto's merge patch of {@code /features}. */
    private static JsonObject patch(Map<String, Map<String, Object>> features) {
        JsonObjectBuilder patch = JsonFactory.newObjectBuilder();
        features.forEach((feature, values) -> {
            JsonObjectBuilder properties = JsonFactory.newObjectBuilder();
            values.forEach((name, value) -> properties.set(name, ThingEdits.json(value)));
            patch.set(feature, JsonFactory.newObjectBuilder().set("properties", properties.build()).build());
        });
        return patch.build();
    }

    private Thing newThing(Device device, long now) {
        Instant created = Instant.ofEpochMilli(now);
        ThingBuilder.FromScratch builder = ThingsModelFactory.newThingBuilder()
                .setId(org.eclipse.ditto.things.model.ThingId.of(device.id().namespace(), device.id().deviceId()))
                .setAttributes(attributes(device))
                .setRevision(1)
                .setCreated(created)
                .setModified(created);
        Optional<DeviceType> type = types.find(device.typeId());
        type.ifPresent(t -> {
            builder.setDefinition(ThingsModelFactory.newDefinition(t.dittoDefinition()));
            t.features().keySet().forEach(builder::setFeature);
        });
        return builder.build();
    }

    private static JsonObject attributes(Device device) {
        JsonObjectBuilder attributes = JsonFactory.newObjectBuilder()
                .set("tenant", device.id().tenant())
                .set("type", device.typeId());
        device.attributes().forEach(attributes::set);
        return attributes.build();
    }
}
