package io.parkops.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's own JVM (so its CPU is measured apart from the driver's): sends
 * {@code rate} messages/s for {@code seconds}, round-robin over the devices, never more than
 * {@code inflight} unacknowledged, then waits for the last acknowledgements and prints one
 * {@code RESULT ...} line. When the server slows down the in-flight bound holds the sender back,
 * so the sent rate falls below the offered one instead of queueing without limit.
 */
public final class LoadGenMain {

    private final LoadArgs args;
    private final Sender sender;
    private final Acks acks;
    private final long[] lastTs;
    private final long[] seq;
    private int device;
    private long sent;
    private long firstTs;
    private long lastSentTs;

    LoadGenMain(LoadArgs args, Sender sender, Acks acks) {
        this.args = args;
        this.sender = sender;
        this.acks = acks;
        this.lastTs = new long[args.devices()];
        this.seq = new long[args.devices()];
    }

    public static void main(String[] argv) throws Exception {
        LoadArgs args = LoadArgs.parse(argv);
        AckLog log = args.ackedLog().isEmpty() ? null : new AckLog(java.nio.file.Path.of(args.ackedLog()));
        Acks acks = new Acks(args.inflight(), log);
        try (Sender sender = open(args, acks)) {
            System.out.println("READY");
            LoadResult result = new LoadGenMain(args, sender, acks).run();
            if (log != null) { // before the result line: the driver reads the file once it has that line
                log.write();
            }
            System.out.println(result.toLine());
        }
        System.exit(0);
    }

    static Sender open(LoadArgs args, Acks acks) throws Exception {
        return switch (args.protocol()) {
            case "mqtt" -> new MqttSender(args, acks);
            case "coaps" -> new CoapsSender(args, acks);
            default -> new CoapSender(args, acks);
        };
    }

    /** Sends on schedule for the run's duration, then waits (at most 30 s) for the last outcomes. */
    LoadResult run() throws InterruptedException {
        Pacer pacer = new Pacer(args.rate(), args.seconds());
        long start = System.nanoTime();
        while (true) {
            long elapsed = System.nanoTime() - start;
            long due = pacer.due(elapsed);
            while (sent < due) {
                // Past the end a due message still goes if a permit is free at once (the loop itself
                // was late: a slow wake-up, a busy machine); only the in-flight bound stops the run.
                boolean late = System.nanoTime() - start >= pacer.stopSendingNanos();
                if (acks.acquire(late ? 0 : 100)) {
                    sendNext();
                } else if (late) {
                    break;
                }
            }
            if (pacer.over(elapsed)) {
                break;
            }
            LockSupport.parkNanos(pacer.sleepNanos(sent, System.nanoTime() - start));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        acks.awaitAll(30_000);
        long accepted = acks.accepted();
        long refused = acks.refused();
        org.HdrHistogram.Histogram latency = acks.latency();
        boolean timed = latency.getTotalCount() > 0;
        return new LoadResult((long) args.rate() * args.seconds(), sent, accepted, refused, sent - accepted - refused,
                firstTs, lastSentTs, seconds, timed ? latency.getValueAtPercentile(50) : -1,
                timed ? latency.getValueAtPercentile(99) : -1);
    }

    private void sendNext() {
        long ts = Math.max(System.currentTimeMillis(), lastTs[device] + 1); // unique per device: one point each in InfluxDB
        lastTs[device] = ts;
        long s = seq[device]++;
        // Round robin: s is also the round. Each round a different 1/alertEvery of the devices
        // crosses, and each crossing device is back below in its next message (alert cleared).
        boolean crossing = args.alertEvery() > 0 && (device + s) % args.alertEvery() == 0;
        sender.send(device, Payloads.encode(ts, device, s, crossing));
        firstTs = sent == 0 ? ts : firstTs;
        lastSentTs = Math.max(lastSentTs, ts);
        sent++;
        device = device + 1 == args.devices() ? 0 : device + 1;
    }
}
