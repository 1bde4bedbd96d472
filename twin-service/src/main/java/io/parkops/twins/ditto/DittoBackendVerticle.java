package io.parkops.twins.ditto;

import io.parkops.model.Addresses;
import io.parkops.model.Device;
import io.parkops.model.TwinChange;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** {@code PARKOPS_TWIN_BACKEND=ditto}: hands every twin change and new device to {@link DittoTwinSync}. */
public final class DittoBackendVerticle extends VerticleBase {

    private final DittoTwinSync sync;

    public DittoBackendVerticle(DittoTwinSync sync) {
        this.sync = sync;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        return Future.all(
                bus.<TwinChange>localConsumer(Addresses.TWIN_CHANGED, msg -> sync.offer(msg.body())).completion(),
                bus.<Device>localConsumer(Addresses.DEVICE_PROVISIONED, msg -> sync.offer(msg.body())).completion());
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            sync.close();
            return null;
        });
    }
}
