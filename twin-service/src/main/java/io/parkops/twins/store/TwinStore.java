package io.parkops.twins.store;

import io.parkops.model.Device;
import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.FeatureProperties;
import org.eclipse.ditto.things.model.FeaturePropertiesBuilder;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingBuilder;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * The twins, one Ditto {@link Thing} per provisioned device, kept in memory. Things are immutable:
 * readers on any thread see a complete twin, and only the twin verticle writes, so revisions
 * never race. Durable storage comes with the twins issue; today twins are rebuilt from the
 * registry on start and filled again by the next telemetry.
 */
public final class TwinStore {

    private final ConcurrentHashMap<ThingId, Thing> things = new ConcurrentHashMap<>();
    private final DeviceTypes types;

    public TwinStore(DeviceTypes types) {
        this.types = types;
    }

    public Optional<Thing> find(ThingId id) {
        return Optional.ofNullable(things.get(id));
    }

    public int size() {
        return things.size();
    }

    /** Creates the device's twin with its type's definition and attributes, unless it exists. */
    public Thing create(Device device, long now) {
        return things.computeIfAbsent(device.id(), id -> newThing(device, now));
    }

    public boolean remove(ThingId id) {
        return things.remove(id) != null;
    }

    /** Writes the message's values into the twin (creating it when missing) and says what changed. */
    public TwinChange apply(Telemetry telemetry, long now) {
        Device device = telemetry.device();
        Thing thing = things.get(device.id());
        if (thing == null) {
            thing = create(device, now);
        }
        for (Map.Entry<String, Map<String, Object>> feature : telemetry.features().entrySet()) {
            thing = setProperties(thing, feature.getKey(), feature.getValue());
        }
        long revision = thing.getRevision().map(r -> r.toLong()).orElse(0L) + 1;
        thing = thing.toBuilder().setRevision(revision).setModified(Instant.ofEpochMilli(now)).build();
        things.put(device.id(), thing);
        return new TwinChange(device, revision, telemetry.timestamp(), telemetry.features());
    }

    private static Thing setProperties(Thing thing, String featureId, Map<String, Object> values) {
        FeatureProperties current = thing.getFeatures()
                .flatMap(f -> f.getFeature(featureId))
                .flatMap(f -> f.getProperties())
                .orElse(ThingsModelFactory.emptyFeatureProperties());
        FeaturePropertiesBuilder builder = current.toBuilder();
        values.forEach((name, value) -> builder.set(name, toJson(value)));
        return thing.setFeatureProperties(featureId, builder.build());
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

    private static JsonValue toJson(Object value) {
        if (value instanceof Double d) {
            return JsonValue.of(d);
        }
        if (value instanceof Boolean b) {
            return JsonValue.of(b);
        }
        return JsonValue.of(String.valueOf(value));
    }
}
