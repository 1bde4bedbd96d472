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
                  Map<String, Double> cores, Histogram twinLatency, Histogram alertLatency, long storedFinally) {

    StepResult(String target, String protocol, int rate, LoadResult load, long stored, long twins,
               Map<String, Double> cores, Histogram twinLatency, Histogram alertLatency) {
        this(target, protocol, rate, load, stored, twins, cores, twinLatency, alertLatency, stored);
    }

    /** The same step with the points counted again once the target had drained its backlog. */
    StepResult withStoredFinally(long count) {
        return new StepResult(target, protocol, rate, load, stored, twins, cores, twinLatency, alertLatency, count);
    }

    /**
     * Accepted messages that never arrived (never negative): counted in InfluxDB after the whole
     * series had drained, not at the end of the step, so a backlog that arrives late is not loss.
     */
    long lost() {
        long lost = storedFinally >= 0 ? load.accepted() - storedFinally : 0;
        if (twins >= 0) {
            lost = Math.max(lost, load.accepted() - twins);
        }
        return Math.max(0, lost);
    }

    /** Points that arrived only after the step's drain window (a backlog: the target fell behind). */
    long late() {
        return stored >= 0 && storedFinally > stored ? storedFinally - stored : 0;
    }

    /**
     * The target kept up: it sent ≥ 95% of the offered rate, everything accepted arrived within the
     * step's drain window (none late, none lost) and the twins saw every message.
     */
    boolean sustained() {
        return lost() == 0 && late() == 0 && (twins < 0 || twins >= load.accepted()) && load.refused() == 0
                && load.sent() >= 0.95 * load.offered() && load.accepted() == load.sent();
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
