package io.parkops.twins.ditto;

import io.parkops.model.Device;
import io.parkops.model.TwinChange;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest value of every property changed since the last write, per thing: many telemetry
 * messages in one interval become one merge per thing (a Ditto cluster handles a few hundred
 * modifies a second, ParkOps ingests thousands of messages). Not thread-safe: callers synchronise.
 */
final class PendingThings {

    /** One thing's pending changes. */
    static final class Pending {
        final Device device;
        final Map<String, Map<String, Object>> features = new LinkedHashMap<>();

        Pending(Device device) {
            this.device = device;
        }

        void add(Map<String, Map<String, Object>> more) {
            more.forEach((feature, props) -> features.computeIfAbsent(feature, f -> new LinkedHashMap<>()).putAll(props));
        }
    }

    private Map<String, Pending> byThing = new LinkedHashMap<>();

    void add(TwinChange change) {
        byThing.computeIfAbsent(change.thingId().dittoId(), id -> new Pending(change.device())).add(change.features());
    }

    void add(Device device) {
        byThing.computeIfAbsent(device.id().dittoId(), id -> new Pending(device));
    }

    /** Everything pending, handed over; the set starts empty again. */
    Map<String, Pending> drain() {
        Map<String, Pending> drained = byThing;
        byThing = new LinkedHashMap<>();
        return drained;
    }

    /** Puts back what could not be written, under anything newer that arrived meanwhile. */
    void putBack(Pending failed) {
        String id = failed.device.id().dittoId();
        Pending newer = byThing.get(id);
        Pending merged = new Pending(failed.device);
        merged.add(failed.features);
        if (newer != null) {
            merged.add(newer.features);
        }
        Map<String, Pending> reordered = new HashMap<>(byThing);
        reordered.put(id, merged);
        byThing = new LinkedHashMap<>(reordered);
    }

    int size() {
        return byThing.size();
    }
}
