package io.parkops.sim;

import io.parkops.sim.signal.DeviceSignal;
import io.parkops.sim.transport.DeviceLink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reporting loop of one device: on a Vert.x timer (no thread per device), sample the
 * signal, stamp it with {@code ts} and send it over the device's link.
 */
final class DeviceReporter {

    /** More unanswered reports than this means the platform is not keeping up; skip rather than pile up. */
    private static final int MAX_IN_FLIGHT = 8;

    private final Vertx vertx;
    private final SimDevice device;
    private final DeviceSignal signal;
    private final DeviceLink link;
    private final SimCounters counters;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long timerId = -1;

    DeviceReporter(Vertx vertx, SimDevice device, DeviceSignal signal, DeviceLink link, SimCounters counters, Clock clock) {
        this.vertx = vertx;
        this.device = device;
        this.signal = signal;
        this.link = link;
        this.counters = counters;
        this.clock = clock;
        if (signal.acceptsCommands()) {
            link.onCommand(signal::command);
        }
    }

    SimDevice device() {
        return device;
    }

    /** Connects; a failure is counted and the link keeps retrying where its transport can. */
    Future<Void> connect() {
        return link.open().recover(cause -> {
            counters.error(device.authId() + " could not connect: " + describe(cause));
            return Future.succeededFuture();
        });
    }

    /** Reports every {@code intervalMillis}, the first after {@code offsetMillis} so devices do not send in lockstep. */
    void start(long offsetMillis, long intervalMillis) {
        timerId = vertx.setPeriodic(Math.max(1, offsetMillis), intervalMillis, id -> report());
    }

    Future<Void> stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        return link.close();
    }

    /**
     * Sends only while the link is up: queuing reports during a long broker outage would hold
     * them all in memory and flood the platform on reconnect. A skipped report counts as an error.
     */
    private void report() {
        if (!link.ready()) {
            counters.error(device.authId() + " is not connected");
            return;
        }
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            counters.error(device.authId() + " has " + MAX_IN_FLIGHT + " reports unanswered");
            return;
        }
        inFlight.incrementAndGet();
        link.sendTelemetry(payload()).onComplete(sent -> {
            inFlight.decrementAndGet();
            if (sent.succeeded()) {
                counters.sent();
            } else {
                counters.error(device.authId() + ": " + describe(sent.cause()));
            }
        });
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private byte[] payload() {
        long now = clock.millis();
        JsonObject json = new JsonObject().put("ts", now);
        signal.sample(now).forEach(json::put);
        return json.toBuffer().getBytes();
    }
}
