package io.parkops.rules.influx;

import io.parkops.model.Rejection;
import io.parkops.model.flow.IngestContext;
import io.vertx.core.Context;
import java.util.ArrayDeque;

/**
 * Ends the contexts of device messages once their points have left the writer's memory: stored
 * when every point was written to InfluxDB or synced to the spool, refused when any was lost (the
 * spool full, a batch InfluxDB refused for good), so no device is acknowledged for a point that is
 * not stored. Only one settlement wait is outstanding at a time, and everything settled by a flush
 * is answered together. Lives on the writer verticle's context; every method is called there.
 */
final class SettledAcks {

    /** A message waiting: its points are the writer's offered points [from, to). */
    private record Pending(long from, long to, IngestContext context) {
    }

    private final Context context;
    private final InfluxWriter writer;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean watching;

    SettledAcks(Context context, InfluxWriter writer) {
        this.context = context;
        this.writer = writer;
    }

    /** Call right after the message's points [from, to) were offered to the writer. */
    void add(long from, long to, IngestContext message) {
        pending.add(new Pending(from, to, message));
        watch();
    }

    private void watch() {
        if (watching || pending.isEmpty()) {
            return;
        }
        watching = true;
        writer.whenSettled().thenRun(() -> context.runOnContext(v -> {
            watching = false;
            endSettled();
            watch();
        }));
    }

    private void endSettled() {
        long settled = writer.settledPoints();
        while (!pending.isEmpty() && pending.peek().to() <= settled) {
            Pending p = pending.poll();
            if (writer.anyLost(p.from(), p.to())) {
                p.context().refused(Rejection.NOT_STORED, "its points could not be stored (InfluxDB spool full or the write "
                        + "refused); send it again");
            } else {
                p.context().stored();
            }
        }
    }
}
