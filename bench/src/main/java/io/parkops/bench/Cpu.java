package io.parkops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (utime + stime, fields 14 and 15, in clock
 * ticks; children are not included, so each process is counted once).
 */
final class Cpu {

    /** Linux's USER_HZ is 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {
    }

    /** CPU seconds used so far by {@code pid}, or NaN when it is gone. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14 -> f[11], stime field 15 -> f[12]
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A snapshot of several named processes. */
    static Map<String, Double> snapshot(Map<String, Long> pids) {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> out.put(name, seconds(pid)));
        return out;
    }

    /** Cores used per process between two snapshots taken {@code wallSeconds} apart. */
    static Map<String, Double> cores(Map<String, Double> before, Map<String, Double> after, double wallSeconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        before.forEach((name, b) -> {
            Double a = after.get(name);
            out.put(name, a == null || a.isNaN() || b.isNaN() ? Double.NaN : (a - b) / wallSeconds);
        });
        return out;
    }
}
