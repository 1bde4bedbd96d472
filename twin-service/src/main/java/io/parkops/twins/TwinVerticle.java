package io.parkops.twins;

import io.parkops.model.Addresses;
import io.parkops.model.Device;
import io.parkops.model.Rejection;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the twin store: applies accepted telemetry and publishes one
 * {@link TwinChange} per message for rules, the InfluxDB writer and change streams. The change
 * carries the message's context on to the writer, which ends it; a message whose twin update
 * fails ends here, refused, so its device is not acknowledged and its permit comes back.
 */
public final class TwinVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(TwinVerticle.class);

    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final TwinStore store;
    // on the verticle's context only: one failing twin must not write a stack trace per message
    private long lastFailureLogged = System.nanoTime() - LOG_INTERVAL_NANOS;
    private long failuresNotLogged;

    public TwinVerticle(TwinStore store) {
        this.store = store;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        return Future.all(
                bus.<Telemetry>localConsumer(Addresses.TELEMETRY, msg -> apply(msg.body())).completion(),
                bus.<Device>localConsumer(Addresses.DEVICE_PROVISIONED,
                        msg -> store.create(msg.body(), System.currentTimeMillis())).completion(),
                bus.<ThingId>localConsumer(Addresses.DEVICE_REMOVED, msg -> store.remove(msg.body())).completion());
    }

    private void apply(Telemetry telemetry) {
        TwinChange change;
        try {
            change = store.apply(telemetry, System.currentTimeMillis());
        } catch (RuntimeException e) {
            logFailure(telemetry, e);
            telemetry.context().refused(Rejection.NOT_STORED, "the twin of " + telemetry.thingId() + " could not be updated ("
                    + e.getClass().getSimpleName() + "); send it again");
            return;
        }
        vertx.eventBus().publish(Addresses.TWIN_CHANGED, change);
    }

    private void logFailure(Telemetry telemetry, RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastFailureLogged < LOG_INTERVAL_NANOS) {
            failuresNotLogged++;
            return;
        }
        LOG.error("the twin of {} could not be updated; its device is refused and sends the message again ({} more failures "
                + "in the last second not logged)", telemetry.thingId(), failuresNotLogged, e);
        lastFailureLogged = now;
        failuresNotLogged = 0;
    }
}
