package io.parkops.twins.ws;

import io.parkops.twins.store.ThingEvent;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;

/** A store change as Ditto's twin event ({@code things/twin/events/created|modified|merged|deleted}). */
final class EventAdaptables {

    private EventAdaptables() {
    }

    static Adaptable of(ThingEvent event) {
        String topic = event.id().namespace() + '/' + event.id().deviceId() + "/things/twin/events/" + event.action().dittoName();
        var payload = ProtocolFactory.newPayloadBuilder(event.path())
                .withRevision(event.revision())
                .withTimestamp(event.modified());
        if (event.value() != null) {
            payload.withValue(event.value());
        }
        String contentType = event.action() == ThingEvent.Action.MERGED ? "application/merge-patch+json" : "application/json";
        return ProtocolFactory.newAdaptableBuilder(ProtocolFactory.newTopicPath(topic))
                .withPayload(payload.build())
                .withHeaders(DittoHeaders.newBuilder().contentType(contentType).build())
                .build();
    }
}
