package io.parkops.bench.load;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's own JVM (so its CPU is measured apart from the driver's): sends
 * {@code rate} messages/s for {@code seconds}, round-robin over the devices, never more than
 * {@code inflight} unacknowledged, then waits for the last acknowledgements and prints one
 * {@code RESULT ...} line. When the server slows down the in-flight bound holds the sender back,
 * so the sent rate falls below the offered one instead of queueing without limit.
 */
public final class LoadGenMain {

    private LoadGenMain() {
    }

    public static void main(String[] argv) throws Exception {
        LoadArgs args = LoadArgs.parse(argv);
        try (Sender sender = sender(args)) {
            System.out.println("READY");
            System.out.println(run(args, sender).toLine());
        }
        System.exit(0);
    }

    private static Sender sender(LoadArgs args) throws Exception {
        return switch (args.protocol()) {
            case "mqtt" -> new MqttSender(args);
            case "coaps" -> new CoapsSender(args);
            default -> new CoapSender(args);
        };
    }

    static LoadResult run(LoadArgs args, Sender sender) throws InterruptedException {
        Semaphore inflight = new Semaphore(args.inflight());
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Sender.Callback callback = outcome -> {
            switch (outcome) {
                case ACCEPTED -> accepted.incrementAndGet();
                case REFUSED -> refused.incrementAndGet();
                default -> failed.incrementAndGet();
            }
            inflight.release();
        };
        long[] lastTs = new long[args.devices()];
        long[] seq = new long[args.devices()];
        long start = System.nanoTime();
        long durationNanos = TimeUnit.SECONDS.toNanos(args.seconds());
        long sent = 0;
        long firstTs = 0;
        long lastSentTs = 0;
        int device = 0;
        while (true) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= durationNanos) {
                break;
            }
            long due = (long) (args.rate() * (elapsed / 1e9));
            while (sent < due && System.nanoTime() - start < durationNanos) {
                if (!inflight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long ts = Math.max(System.currentTimeMillis(), lastTs[device] + 1); // unique per device: one point each in InfluxDB
                lastTs[device] = ts;
                long s = seq[device]++;
                // Round robin: s is also the round. Each round a different 1/alertEvery of the devices
                // crosses, and each crossing device is back below in its next message (alert cleared).
                boolean crossing = args.alertEvery() > 0 && (device + s) % args.alertEvery() == 0;
                sender.send(device, Payloads.encode(ts, device, s, crossing), callback);
                firstTs = sent == 0 ? ts : firstTs;
                lastSentTs = Math.max(lastSentTs, ts);
                sent++;
                device = device + 1 == args.devices() ? 0 : device + 1;
            }
            LockSupport.parkNanos(200_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        inflight.tryAcquire(args.inflight(), 30, TimeUnit.SECONDS); // the last acknowledgements
        return new LoadResult((long) args.rate() * args.seconds(), sent, accepted.get(), refused.get(),
                sent - accepted.get() - refused.get(), firstTs, lastSentTs, seconds);
    }
}
