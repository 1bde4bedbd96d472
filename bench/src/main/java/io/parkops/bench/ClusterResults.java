package io.parkops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one {@code ./parkops bench --cluster} measured; a part that failed is noted, not fatal. */
final class ClusterResults {

    /** One set-up measured the same way: step load to saturation, then a step at the fixed moderate rate. */
    static final class Setup {
        final String name;
        /** Its platform processes by the names the CPU columns use. */
        final List<String> nodes;
        final List<StepResult> steps = new ArrayList<>();
        StepResult moderate;

        Setup(String name, List<String> nodes) {
            this.name = name;
            this.nodes = nodes;
        }

        /** CPU µs per accepted message of all its nodes together in one step. */
        double platformMicros(StepResult s) {
            return nodes.stream().mapToDouble(s::cpuMicrosPerMessage).sum();
        }

        /** The highest step that kept up, or null. */
        StepResult sustainedStep() {
            return steps.stream().filter(StepResult::sustained).max(java.util.Comparator.comparingDouble(StepResult::achievedRate))
                    .orElse(null);
        }
    }

    final Map<String, String> machine = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    Setup single;
    Setup oneNode;
    Setup twoNodes;
    Failover.Result failover;
    String kafkaVersion = "unknown";
    int partitions;
    double wallSeconds;
}
