package io.parkops.model.flow;

import io.parkops.model.Addresses;
import io.parkops.model.Telemetry;
import io.vertx.core.eventbus.EventBus;

/**
 * Where an edge hands a checked, admitted message: the one point that differs between a single
 * node and a cluster. On one node it goes over the local event bus to the twins and on to the
 * InfluxDB writer, which ends its {@link IngestContext}; in a cluster it goes to Kafka, whose
 * acknowledgement ends it. Either way the message's context is ended exactly once by whoever
 * learns whether it is stored.
 *
 * <p>Called on event loops: an implementation never blocks.
 */
@FunctionalInterface
public interface Onward {

    /** Takes the message on its way; its context ends later (stored or refused), never here by blocking. */
    void handOn(Telemetry telemetry);

    /** The single node: the local event bus to the twins ({@link Addresses#TELEMETRY}). */
    static Onward localBus(EventBus bus) {
        return telemetry -> bus.send(Addresses.TELEMETRY, telemetry);
    }
}
