package io.parkops.twins;

import io.parkops.model.Addresses;
import io.parkops.model.Rejection;
import io.parkops.model.Telemetry;
import io.parkops.model.log.ThrottledLog;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.eventbus.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes accepted telemetry into the twins and publishes one {@code TwinChange} per message for
 * rules, the InfluxDB writer and the Ditto backend. The change carries the message's context on to
 * the writer, which ends it; a message whose twin update fails ends here, refused, so its device is
 * not acknowledged and its permit comes back.
 *
 * <p>Safe on any thread: the store serialises the changes of one twin, and the change is published
 * inside that step, so each twin's changes reach their consumers in revision order whichever event
 * loop took the message. On a single node the edges call it directly (no hop to a twin verticle);
 * {@link TwinVerticle} calls it for messages that come over the event bus.
 */
public final class TwinWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TwinWriter.class);
    private static final ThrottledLog FAILURES = new ThrottledLog(LOG, 1_000);

    private final TwinStore store;
    private final EventBus bus;

    public TwinWriter(TwinStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
    }

    public void apply(Telemetry telemetry) {
        try {
            store.apply(telemetry, System.currentTimeMillis(), change -> bus.publish(Addresses.TWIN_CHANGED, change));
        } catch (RuntimeException e) {
            FAILURES.error("the twin of {} could not be updated; its device is refused and sends the message again",
                    telemetry.thingId(), e);
            telemetry.context().refused(Rejection.NOT_STORED, "the twin of " + telemetry.thingId() + " could not be updated ("
                    + e.getClass().getSimpleName() + "); send it again");
        }
    }
}
