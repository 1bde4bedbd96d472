package io.parkops.sim;

import io.parkops.sim.fault.FaultyFirmware;
import io.parkops.sim.transport.DeviceLink;
import io.parkops.sim.transport.DeviceLink.RejectedException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * The reporting loop of one device's firmware, on Vert.x timers (no thread per device): on its
 * interval with ±{@value #JITTER_PERCENT}% jitter, take the readings, queue them in the
 * device's {@link OutBox} and send what the link and the platform allow. Reports wait in the
 * box while the link is down or the platform asked the device to back off (5.03, 4.29), and
 * are flushed, oldest first, when it can send again.
 */
final class DeviceReporter {

    static final int JITTER_PERCENT = 10;
    /** More unanswered reports than this and the device waits: real firmware has little RAM for in-flight messages. */
    private static final int MAX_IN_FLIGHT = 8;
    /** How long a device waits after 5.03 or 4.29 without a Max-Age. */
    private static final long DEFAULT_BACKOFF_MILLIS = 2_000;

    private final Vertx vertx;
    private final SimDevice device;
    private final FaultyFirmware firmware;
    private final DeviceLink link;
    private final SimCounters counters;
    private final Clock clock;
    private final OutBox box;
    private final SplittableRandom jitter;
    private int inFlight;
    private long backOffUntil;
    private long intervalMillis;
    private long nextDue;
    private volatile long timerId = -1;
    private volatile boolean stopped;

    DeviceReporter(Vertx vertx, SimDevice device, FaultyFirmware firmware, DeviceLink link, SimCounters counters,
                   Clock clock, int bufferSize, long seed) {
        this.vertx = vertx;
        this.device = device;
        this.firmware = firmware;
        this.link = link;
        this.counters = counters;
        this.clock = clock;
        this.box = new OutBox(bufferSize);
        this.jitter = new SplittableRandom(seed);
        link.onConnected(reconnected -> {
            if (reconnected) {
                counters.reconnected();
            }
            drain();
        });
    }

    SimDevice device() {
        return device;
    }

    DeviceLink link() {
        return link;
    }

    synchronized int buffered() {
        return box.size();
    }

    /** Connects; a failure is counted and the link keeps retrying with back-off where its transport can. */
    Future<Void> connect() {
        return link.open().recover(cause -> {
            counters.error(device.authId() + " could not connect: " + describe(cause));
            return Future.succeededFuture();
        });
    }

    /**
     * Reports every {@code interval} on average, the first after {@code offsetMillis}. Each report
     * is due on a fixed schedule and only its timer is jittered, so the fleet's rate stays exact.
     */
    void start(long offsetMillis, long interval) {
        intervalMillis = interval;
        nextDue = clock.millis() + Math.max(1, offsetMillis);
        schedule();
    }

    Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(timerId);
        return link.close();
    }

    private void schedule() {
        if (stopped) {
            return;
        }
        long spread = intervalMillis * JITTER_PERCENT / 100;
        long shift = spread == 0 ? 0 : jitter.nextLong(-spread, spread + 1);
        long delay = Math.max(1, nextDue + shift - clock.millis());
        nextDue += intervalMillis;
        timerId = vertx.setTimer(delay, id -> report());
    }

    private void report() {
        schedule();
        long now = clock.millis();
        synchronized (this) {
            for (byte[] message : firmware.report(now)) {
                for (int i = box.add(message); i > 0; i--) {
                    counters.droppedFromBuffer();
                }
            }
        }
        drain();
    }

    /** Sends queued reports while the link is up, the platform has not asked to wait and few are unanswered. */
    private void drain() {
        while (!stopped) {
            byte[] message;
            synchronized (this) {
                if (box.isEmpty() || inFlight >= MAX_IN_FLIGHT || clock.millis() < backOffUntil || !link.ready()) {
                    return;
                }
                message = box.poll();
                inFlight++;
            }
            counters.sent();
            link.sendTelemetry(message).onComplete(answer -> answered(message, answer));
        }
    }

    private void answered(byte[] message, AsyncResult<Void> answer) {
        synchronized (this) {
            inFlight--;
        }
        if (answer.succeeded()) {
            counters.acked();
            drain();
        } else if (answer.cause() instanceof RejectedException refused) {
            counters.refused(refused.code(), device.authId() + ": " + refused.getMessage());
            if (refused.asksToBackOff()) {
                backOff(message, refused.retryAfterMillis());
            }
        } else {
            counters.error(device.authId() + ": " + describe(answer.cause()));
            keepForLater(message); // offline or no answer: the platform may not have it, so send it again later
        }
    }

    /** 5.03 / 4.29: keep the message, wait as long as the platform asked (Max-Age) or a default, then flush. */
    private void backOff(byte[] message, long retryAfterMillis) {
        long wait = retryAfterMillis > 0 ? retryAfterMillis : DEFAULT_BACKOFF_MILLIS;
        synchronized (this) {
            backOffUntil = Math.max(backOffUntil, clock.millis() + wait);
        }
        counters.backedOff();
        keepForLater(message);
        vertx.setTimer(wait, id -> drain());
    }

    private void keepForLater(byte[] message) {
        int dropped;
        synchronized (this) {
            dropped = box.putBack(message);
        }
        if (dropped > 0) {
            counters.droppedFromBuffer();
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
