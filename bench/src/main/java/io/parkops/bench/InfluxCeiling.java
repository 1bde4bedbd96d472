package io.parkops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * InfluxDB alone: pre-built line-protocol batches of 5,000 points (same shape as ParkOps's:
 * measurement environment, tenant/thing/type tags, three float fields, ms time), posted back to
 * back over HTTP from two threads for a fixed time.
 */
final class InfluxCeiling {

    static final int BATCH = 5000;

    private InfluxCeiling() {
    }

    /** Points per second accepted (HTTP 204) over {@code seconds}. */
    static double measure(Influx influx, int seconds) throws IOException, InterruptedException {
        influx.createDatabase("ceiling");
        List<byte[]> batches = new ArrayList<>();
        long base = System.currentTimeMillis() - 3_600_000;
        for (int b = 0; b < 40; b++) {
            StringBuilder s = new StringBuilder(BATCH * 120);
            for (int i = 0; i < BATCH; i++) {
                int device = i % 1000;
                s.append("environment,tenant=bench,thing=bench:d").append(device).append(",type=iaq-sensor temperature=")
                        .append(20 + i % 50 / 10.0).append(",humidity=").append(40 + device % 20).append(",illuminance=")
                        .append(i).append(' ').append(base + (long) b * BATCH + i).append('\n');
            }
            batches.add(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        long[] points = new long[2];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int me = t;
            threads[t] = new Thread(() -> {
                int i = me;
                while (System.nanoTime() < end) {
                    try {
                        if (influx.write("ceiling", batches.get(i % batches.size()))) {
                            points[me] += BATCH;
                        }
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                    i += 2;
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return (points[0] + points[1]) / ((System.nanoTime() - t0) / 1e9);
    }
}
