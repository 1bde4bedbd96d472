package io.parkops.twins;

import io.parkops.model.Addresses;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The twins' end of the event bus: telemetry that comes as {@link Addresses#TELEMETRY} (a
 * cluster's node feed, tools) goes through a {@link TwinWriter}; provisioned devices get their
 * twin, removed ones lose it.
 */
public final class TwinVerticle extends VerticleBase {

    private final TwinStore store;

    public TwinVerticle(TwinStore store) {
        this.store = store;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        TwinWriter writer = new TwinWriter(store, bus);
        return Future.all(
                bus.<Telemetry>localConsumer(Addresses.TELEMETRY, msg -> writer.apply(msg.body())).completion(),
                bus.<Device>localConsumer(Addresses.DEVICE_PROVISIONED,
                        msg -> store.create(msg.body(), System.currentTimeMillis())).completion(),
                bus.<ThingId>localConsumer(Addresses.DEVICE_REMOVED, msg -> store.remove(msg.body())).completion());
    }
}
