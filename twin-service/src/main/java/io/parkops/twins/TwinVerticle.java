package io.parkops.twins;

import io.parkops.model.Addresses;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The single writer of the twin store: applies accepted telemetry and publishes one
 * {@link TwinChange} per message for rules, the InfluxDB writer and change streams.
 */
public final class TwinVerticle extends VerticleBase {

    private final TwinStore store;

    public TwinVerticle(TwinStore store) {
        this.store = store;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        return Future.all(
                bus.<Telemetry>localConsumer(Addresses.TELEMETRY, msg -> {
                    TwinChange change = store.apply(msg.body(), System.currentTimeMillis());
                    // the ingress's flow-control headers (permit, ack id) travel on to the InfluxDB writer
                    bus.publish(Addresses.TWIN_CHANGED, change, new DeliveryOptions().setHeaders(msg.headers()));
                }).completion(),
                bus.<Device>localConsumer(Addresses.DEVICE_PROVISIONED,
                        msg -> store.create(msg.body(), System.currentTimeMillis())).completion(),
                bus.<ThingId>localConsumer(Addresses.DEVICE_REMOVED, msg -> store.remove(msg.body())).completion());
    }
}
