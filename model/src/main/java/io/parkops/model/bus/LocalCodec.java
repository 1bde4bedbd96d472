package io.parkops.model.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.parkops.model.Alert;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;

/**
 * Pass-through codec for immutable records on the local event bus: the receiver gets the very
 * object the sender sent, with no copy and no serialisation. The platform runs in one JVM; a
 * clustered deployment would replace these with real wire codecs.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

    private final String name;

    private LocalCodec(Class<T> type) {
        this.name = "local-" + type.getSimpleName();
    }

    /** Registers the pass-through codec for every record that travels on the ParkOps event bus. */
    public static void registerAll(Vertx vertx) {
        register(vertx, Telemetry.class);
        register(vertx, TwinChange.class);
        register(vertx, Alert.class);
        register(vertx, Device.class);
        register(vertx, ThingId.class);
        register(vertx, io.parkops.model.command.DeviceCommand.class);
        register(vertx, io.parkops.model.command.CommandUpdate.class);
        register(vertx, io.parkops.model.AlertNotice.class);
    }

    private static <T> void register(Vertx vertx, Class<T> type) {
        try {
            vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
        } catch (IllegalStateException alreadyRegistered) {
            // a second platform instance in the same Vert.x (tests) shares the codecs
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, T t) {
        throw new UnsupportedOperationException(name + " is local only");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(name + " is local only");
    }

    @Override
    public T transform(T t) {
        return t;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
