package io.parkops.twins.desired;

import io.parkops.model.Addresses;
import io.parkops.model.command.CommandUpdate;
import io.parkops.model.command.DeviceCommand;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;

/**
 * Connects the {@link DesiredStateTracker} to the event bus: commands go to
 * {@link Addresses#COMMAND_SEND} for the adapters, their news comes back on
 * {@link Addresses#COMMAND_UPDATE}.
 */
public final class CommandVerticle extends VerticleBase {

    private final TwinStore store;
    private final CommandCatalog catalog;
    private final Duration retryAfter;
    private DesiredStateTracker tracker;

    public CommandVerticle(TwinStore store, CommandCatalog catalog, Duration retryAfter) {
        this.store = store;
        this.catalog = catalog;
        this.retryAfter = retryAfter;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        tracker = new DesiredStateTracker(store, catalog, (DeviceCommand c) -> bus.send(Addresses.COMMAND_SEND, c),
                System::currentTimeMillis, retryAfter);
        return bus.<CommandUpdate>localConsumer(Addresses.COMMAND_UPDATE, msg -> tracker.onUpdate(msg.body())).completion();
    }

    @Override
    public Future<?> stop() {
        if (tracker != null) {
            tracker.close();
        }
        return Future.succeededFuture();
    }
}
