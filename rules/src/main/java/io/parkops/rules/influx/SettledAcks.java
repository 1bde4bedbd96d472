package io.parkops.rules.influx;

import io.parkops.model.flow.DurableAcks;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Sends ingress acknowledgements once the points of their messages are settled (written to InfluxDB
 * or synced to the spool), in batches: the acks waiting when a flush settles go out as one
 * {@link DurableAcks} per ack address, and only one settlement wait is outstanding at a time.
 * Lives on the writer verticle's context; every method is called there.
 */
final class SettledAcks {

    private record Pending(long watermark, String address, long id) {
    }

    private final Context context;
    private final InfluxWriter writer;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean watching;

    SettledAcks(Context context, InfluxWriter writer) {
        this.context = context;
        this.writer = writer;
    }

    /** Call right after the message's points were offered to the writer. */
    void add(String address, long id) {
        pending.add(new Pending(writer.offeredPoints(), address, id));
        watch();
    }

    private void watch() {
        if (watching || pending.isEmpty()) {
            return;
        }
        watching = true;
        writer.whenSettled().thenRun(() -> context.runOnContext(v -> {
            watching = false;
            sendSettled();
            watch();
        }));
    }

    private void sendSettled() {
        long settled = writer.settledPoints();
        Map<String, LongStream.Builder> byAddress = new HashMap<>(4);
        while (!pending.isEmpty() && pending.peek().watermark() <= settled) {
            Pending p = pending.poll();
            byAddress.computeIfAbsent(p.address(), a -> LongStream.builder()).add(p.id());
        }
        byAddress.forEach((address, ids) -> context.owner().eventBus().send(address, new DurableAcks(ids.build().toArray())));
    }
}
