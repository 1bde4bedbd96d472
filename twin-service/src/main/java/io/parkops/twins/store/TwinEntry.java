package io.parkops.twins.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.FeatureProperties;
import org.eclipse.ditto.things.model.FeaturePropertiesBuilder;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * One twin in the store. A device message writes its values here as plain data (feature, property,
 * value) and moves the revision on; the Ditto {@link Thing} is built from them only when someone
 * reads the twin (the API, a stream with a filter, the Ditto backend, the commit to disk), once per
 * read after any number of messages. Building an immutable Thing for every message was the largest
 * single cost of the ingest path (bench/README.md).
 *
 * <p>The store changes an entry inside {@code ConcurrentHashMap.compute}, readers come from any
 * thread: every method holds the entry's monitor.
 */
final class TwinEntry implements Supplier<Thing> {

    private Thing built;
    /** Values written since {@link #built}, in the order they were first set; null when none. */
    private Map<String, Map<String, Object>> unbuilt;
    private long revision;
    private Instant modified;
    private final String type;

    TwinEntry(Thing thing) {
        this.built = thing;
        this.revision = ThingEdits.revision(thing);
        this.modified = thing.getModified().orElse(null);
        this.type = typeOf(thing);
    }

    /**
     * Sets the values of one message and moves the revision on. A feature or property name Ditto has
     * not accepted before is written into the thing at once, through Ditto's model, so a name Ditto
     * refuses throws here and changes nothing, as it did when every message built a thing; a
     * refused name must not surface later, on a read.
     */
    synchronized void write(Map<String, Map<String, Object>> features, Instant at) {
        if (!AcceptedNames.all(features)) {
            Thing next = get();
            for (Map.Entry<String, Map<String, Object>> feature : features.entrySet()) {
                next = withProperties(next, feature.getKey(), feature.getValue());
            }
            built = next.toBuilder().setRevision(revision + 1).setModified(at).build();
            revision++;
            modified = at;
            AcceptedNames.add(features);
            return;
        }
        if (unbuilt == null) {
            unbuilt = new LinkedHashMap<>();
        }
        for (Map.Entry<String, Map<String, Object>> feature : features.entrySet()) {
            unbuilt.computeIfAbsent(feature.getKey(), k -> new LinkedHashMap<>()).putAll(feature.getValue());
        }
        revision++;
        modified = at;
    }

    synchronized long revision() {
        return revision;
    }

    /** The device type the twin was made for (its attribute {@code type}), empty when it has none. */
    String type() {
        return type;
    }

    /** The twin as a Ditto thing, with every value written so far. */
    @Override
    public synchronized Thing get() {
        if (unbuilt != null) {
            Thing thing = built;
            for (Map.Entry<String, Map<String, Object>> feature : unbuilt.entrySet()) {
                thing = withProperties(thing, feature.getKey(), feature.getValue());
            }
            built = thing.toBuilder().setRevision(revision).setModified(modified).build();
            unbuilt = null;
        }
        return built;
    }

    private static Thing withProperties(Thing thing, String featureId, Map<String, Object> values) {
        FeaturePropertiesBuilder builder = thing.getFeatures()
                .flatMap(f -> f.getFeature(featureId))
                .flatMap(f -> f.getProperties())
                .orElse(ThingsModelFactory.emptyFeatureProperties())
                .toBuilder();
        values.forEach((name, value) -> builder.set(name, ThingEdits.json(value)));
        FeatureProperties properties = builder.build();
        return thing.setFeatureProperties(featureId, properties);
    }

    /**
     * Feature and property names Ditto's model has accepted in some twin: a name's validity does not
     * depend on the twin, and devices send the same few names again and again. Bounded, so a device
     * inventing names cannot grow it; past the bound a new name just takes the slow path each time.
     */
    private static final class AcceptedNames {

        private static final int MAX_NAMES = 10_000;
        private static final Map<String, Set<String>> NAMES = new ConcurrentHashMap<>();
        private static final AtomicInteger COUNT = new AtomicInteger();

        static boolean all(Map<String, Map<String, Object>> features) {
            for (Map.Entry<String, Map<String, Object>> feature : features.entrySet()) {
                Set<String> properties = NAMES.get(feature.getKey());
                if (properties == null || !properties.containsAll(feature.getValue().keySet())) {
                    return false;
                }
            }
            return true;
        }

        static void add(Map<String, Map<String, Object>> features) {
            for (Map.Entry<String, Map<String, Object>> feature : features.entrySet()) {
                for (String property : feature.getValue().keySet()) {
                    if (COUNT.get() >= MAX_NAMES) {
                        return;
                    }
                    if (NAMES.computeIfAbsent(feature.getKey(), k -> ConcurrentHashMap.newKeySet()).add(property)) {
                        COUNT.incrementAndGet();
                    }
                }
            }
        }
    }

    static String typeOf(Thing thing) {
        return thing == null ? "" : thing.getAttributes().flatMap(a -> a.getValue("type"))
                .filter(JsonValue::isString).map(JsonValue::asString).orElse("");
    }
}
