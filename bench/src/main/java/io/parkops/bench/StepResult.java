package io.parkops.bench;

import io.parkops.bench.load.LoadResult;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One load step: what the load generator did, what arrived (points counted in InfluxDB, twin
 * changes seen on the SSE stream, -1 where not applicable), CPU cores per process over the sending
 * window, and the latencies seen (null where not measured).
 */
record StepResult(String target, String protocol, int rate, LoadResult load, long stored, long twins,
                  Map<String, Double> cores, Histogram twinLatency, Histogram alertLatency) {

    /** Accepted messages that did not arrive where they should (never negative). */
    long lost() {
        long lost = stored >= 0 ? load.accepted() - stored : 0;
        if (twins >= 0) {
            lost = Math.max(lost, load.accepted() - twins);
        }
        return Math.max(0, lost);
    }

    /** The platform kept up: it sent ≥ 95% of the offered rate and lost nothing it accepted. */
    boolean sustained() {
        return lost() == 0 && load.refused() == 0 && load.sent() >= 0.95 * load.offered() && load.accepted() == load.sent();
    }

    double achievedRate() {
        return load.sentPerSecond();
    }

    /** CPU microseconds per accepted message of one process. */
    double cpuMicrosPerMessage(String process) {
        Double c = cores.get(process);
        return c == null || c.isNaN() || load.accepted() == 0 ? Double.NaN : c * load.seconds() * 1e6 / load.accepted();
    }
}
