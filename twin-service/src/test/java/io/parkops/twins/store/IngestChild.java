package io.parkops.twins.store;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.twins.TestTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link DurabilityTest}: ingests telemetry into a durable store as fast as
 * it can and prints "committed {device} {revision}" after each batch commit, until it is killed.
 */
public final class IngestChild {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TwinPersistence persistence = TwinPersistence.open(dir, Duration.ofMillis(Long.parseLong(args[1])));
        TwinStore store = new TwinStore(TestTypes.TYPES, persistence);
        Device[] devices = new Device[20];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = TestTypes.iaq("nanan", "iaq-" + i, "b" + (i % 3));
            store.create(devices[i], System.currentTimeMillis());
        }
        long[] applied = new long[1];
        Thread reporter = new Thread(() -> {
            while (true) {
                // every revision applied before commitSoon() was called is on disk once it completes
                long revision = appliedBefore(applied);
                store.commitSoon().join();
                System.out.println("committed iaq-0 " + revision);
                System.out.flush();
                sleepQuietly(150);
            }
        });
        reporter.setDaemon(true);
        reporter.start();
        for (long n = 0; ; n++) {
            Device d = devices[(int) (n % devices.length)];
            long now = System.currentTimeMillis();
            store.apply(new Telemetry(d, Channel.TELEMETRY, Transport.MQTT, now, now,
                    Map.of("environment", Map.of("temperature", 20.0 + n % 100, "co2", (double) n))), now);
            if (d == devices[0]) {
                synchronized (applied) {
                    applied[0] = store.find(d.id()).orElseThrow().getRevision().orElseThrow().toLong();
                }
            }
            if (n % 1000 == 0) {
                Thread.sleep(1);
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long appliedBefore(long[] applied) {
        synchronized (applied) {
            return applied[0];
        }
    }
}
