package io.parkops.twins.api;

import io.parkops.model.ThingId;
import io.parkops.model.http.SiteScope;
import io.parkops.twins.store.ThingEvent;
import org.eclipse.ditto.things.model.Thing;

/**
 * Whether a caller's {@link SiteScope} takes in a twin: its site, and for a token limited to some
 * buildings the twin's {@code building} attribute. Every twin route (HTTP, search, SSE, {@code /ws/2})
 * asks here; a twin outside answers as an absent one.
 */
public final class TwinScope {

    private TwinScope() {
    }

    /**
     * @param thing the twin as stored, or null when there is none (yet) or the change deleted it: then
     *              only a token for the whole site takes it in
     */
    public static boolean visible(SiteScope scope, ThingId id, Thing thing) {
        if (scope.isAll()) {
            return true;
        }
        if (!scope.limitsBuildings()) {
            return scope.allows(id);
        }
        return thing != null && scope.allows(id, building(thing));
    }

    /**
     * Whether the caller's scope takes in the twin of a change; the twin is built only for a token
     * limited to some buildings (most changes come from devices, and building the twin is their cost).
     */
    public static boolean visible(SiteScope scope, ThingEvent event) {
        if (scope.isAll()) {
            return true;
        }
        if (!scope.limitsBuildings()) {
            return scope.allows(event.id());
        }
        return !event.deleted() && scope.allows(event.id(), building(event.thing()));
    }

    /** The twin's {@code building} attribute, or null. */
    static String building(Thing thing) {
        return thing.getAttributes().flatMap(a -> a.getValue("building")).filter(v -> !v.isNull())
                .map(v -> v.isString() ? v.asString() : v.toString()).orElse(null);
    }
}
