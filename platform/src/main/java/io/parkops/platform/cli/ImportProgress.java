package io.parkops.platform.cli;

/**
 * The progress line of a long import: how many rows are done, how fast, and how long the rest
 * will take at that pace. Pure: the caller passes the clock, so a test needs no waiting. Reports
 * at most once per {@code every} nanoseconds, and always for the last row.
 */
final class ImportProgress {

    private final int total;
    private final long startNanos;
    private final long everyNanos;
    private long lastReport;
    private int done;
    private int rejected;

    ImportProgress(int total, long startNanos, long everyNanos) {
        this.total = total;
        this.startNanos = startNanos;
        this.everyNanos = everyNanos;
        this.lastReport = startNanos;
    }

    /** Counts one more row; returns the line to print now, or null when the last one is too recent. */
    synchronized String rowDone(boolean wasRejected, long nowNanos) {
        done++;
        if (wasRejected) {
            rejected++;
        }
        if (done < total && nowNanos - lastReport < everyNanos) {
            return null;
        }
        lastReport = nowNanos;
        return line(nowNanos);
    }

    private String line(long nowNanos) {
        double seconds = Math.max(1e-3, (nowNanos - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder out = new StringBuilder()
                .append("provisioning: ").append(done).append('/').append(total).append(" (").append(rejected).append(" rejected), ")
                .append(rate >= 10 ? String.valueOf(Math.round(rate)) : String.format(java.util.Locale.ROOT, "%.1f", rate))
                .append(" devices/s");
        if (done < total && rate > 0) {
            out.append(", about ").append(duration(Math.round((total - done) / rate))).append(" left");
        } else if (done == total) {
            out.append(" in ").append(duration(Math.round(seconds)));
        }
        return out.toString();
    }

    static String duration(long seconds) {
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 5400) {
            return Math.round(seconds / 60.0) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
