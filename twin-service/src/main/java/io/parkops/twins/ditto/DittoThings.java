package io.parkops.twins.ditto;

import io.parkops.twins.store.ThingEdits;
import io.parkops.model.Device;
import io.parkops.model.DeviceTypes;
import java.util.Map;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Features;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/** Builds the Ditto model objects the backend writes: a new thing, and a features merge patch. */
final class DittoThings {

    private final DeviceTypes types;

    DittoThings(DeviceTypes types) {
        this.types = types;
    }

    ThingId thingId(Device device) {
        return ThingId.of(device.id().namespace(), device.id().deviceId());
    }

    Thing newThing(Device device, Map<String, Map<String, Object>> features) {
        JsonObjectBuilder attributes = JsonFactory.newObjectBuilder()
                .set("tenant", device.id().tenant()).set("type", device.typeId());
        device.attributes().forEach(attributes::set);
        var builder = ThingsModelFactory.newThingBuilder()
                .setId(thingId(device))
                .setAttributes(attributes.build());
        types.find(device.typeId()).ifPresent(t -> builder.setDefinition(ThingsModelFactory.newDefinition(t.dittoDefinition())));
        if (!features.isEmpty()) {
            builder.setFeatures(features(features));
        }
        return builder.build();
    }

    Features features(Map<String, Map<String, Object>> values) {
        JsonObjectBuilder json = JsonFactory.newObjectBuilder();
        values.forEach((feature, props) -> props.forEach((name, value) ->
                json.set(JsonPointer.of("/" + feature + "/properties/" + name), ThingEdits.json(value))));
        return ThingsModelFactory.newFeatures(json.build());
    }
}
