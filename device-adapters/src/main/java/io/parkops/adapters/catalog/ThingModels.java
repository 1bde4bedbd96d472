package io.parkops.adapters.catalog;

import io.parkops.model.CommandType;
import io.parkops.model.DeviceType;
import io.parkops.model.FeatureType;
import io.parkops.model.PropertyType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device type as a W3C WoT Thing Model (JSON-LD, {@code @type: tm:ThingModel}): each property
 * read-only and observable with type, unit and plausible range; each command an action whose input
 * is its parameter. Property names are unique per type, so they are used as they are; the twin
 * feature each lives in is given as {@code parkops:feature} (a term of our own prefix, which WoT
 * consumers ignore).
 */
public final class ThingModels {

    static final String TD_CONTEXT = "https://www.w3.org/2022/wot/td/v1.1";

    private ThingModels() {
    }

    public static JsonObject of(DeviceType type) {
        JsonObject properties = new JsonObject();
        Map<String, FeatureType> features = new TreeMap<>(type.features());
        features.forEach((featureId, feature) -> new TreeMap<>(feature.properties()).forEach((name, p) ->
                properties.put(name, schema(p).put("readOnly", true).put("observable", true).put("parkops:feature", featureId))));
        JsonObject actions = new JsonObject();
        for (CommandType c : type.commands()) {
            JsonObject action = new JsonObject().put("title", c.name()).put("input", schema(c.parameter()))
                    .put("parkops:sets", c.feature() + "/" + c.property());
            if (c.description() != null) {
                action.put("description", c.description());
            }
            actions.put(c.name(), action);
        }
        JsonObject tm = new JsonObject()
                .put("@context", new JsonArray().add(TD_CONTEXT).add(new JsonObject().put("parkops", "urn:parkops:")))
                .put("@type", "tm:ThingModel")
                .put("title", type.id())
                .put("version", new JsonObject().put("model", type.version()))
                .put("parkops:definition", type.dittoDefinition())
                .put("parkops:reportingIntervalSeconds", type.reportingIntervalSeconds())
                .put("properties", properties)
                .put("actions", actions);
        if (type.description() != null) {
            tm.put("description", type.description());
        }
        return tm;
    }

    private static JsonObject schema(PropertyType p) {
        JsonObject s = new JsonObject().put("type", p.type().label());
        if (p.unit() != null) {
            s.put("unit", p.unit());
        }
        if (p.minimum() != null) {
            s.put("minimum", p.minimum());
        }
        if (p.maximum() != null) {
            s.put("maximum", p.maximum());
        }
        if (!p.oneOf().isEmpty()) {
            s.put("enum", new JsonArray(p.oneOf()));
        }
        if (p.description() != null) {
            s.put("description", p.description());
        }
        return s;
    }
}
