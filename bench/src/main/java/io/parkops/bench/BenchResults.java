package io.parkops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one bench run measured, filled in section by section; what failed is noted, not fatal. */
final class BenchResults {

    final Map<String, String> machine = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    long startupMs = -1;
    /** Whether that start mapped the class data sharing archive (docs/startup.md). */
    boolean startupClassSharing;
    long idleHeapKb = -1;
    final List<StepResult> mqtt = new ArrayList<>();
    final List<StepResult> coap = new ArrayList<>();
    /** One gateway connection for many devices (bench/README.md, "The gateway step"). */
    final List<StepResult> gateway = new ArrayList<>();
    final List<StepResult> coaps = new ArrayList<>();
    final List<StepResult> mqttViaMosquitto = new ArrayList<>();
    final Map<String, StepResult> latency = new LinkedHashMap<>();
    final List<StepResult> nodeRed = new ArrayList<>();
    final List<StepResult> brokerNoSubscriber = new ArrayList<>();
    final List<StepResult> brokerOneSubscriber = new ArrayList<>();
    double influxPointsPerSecond = Double.NaN;
    int connectionsAsked;
    int connected = -1;
    double connectSeconds;
    String openFilesLimit = "unknown";
    long heapBeforeConnectionsKb = -1;
    long heapWithConnectionsKb = -1;
    /** After every ParkOps step (MQTT, CoAP, CoAPS, latency), the streams closed. */
    long heapAfterLoadKb = -1;
    List<Jmh.Score> jmh = List.of();
    String nodeRedVersion = "not run";
    double wallSeconds;
    String latencyBase = "sustained MQTT rate";

    /** Highest rate of points counted in InfluxDB in any step. */
    static double stored(List<StepResult> steps) {
        return steps.stream().mapToDouble(s -> Math.max(0, s.stored()) / s.load().seconds()).max().orElse(0);
    }

    /** Highest sent rate of a step that kept up (see {@link StepResult#sustained()}), 0 if none did. */
    static double sustained(List<StepResult> steps) {
        return steps.stream().filter(StepResult::sustained).mapToDouble(StepResult::achievedRate).max().orElse(0);
    }

    /** CPU µs per message of {@code process} in the highest step that kept up, NaN without one. */
    static double cpuAtSustained(List<StepResult> steps, String process) {
        return steps.stream().filter(StepResult::sustained).max(java.util.Comparator.comparingDouble(StepResult::achievedRate))
                .map(s -> s.cpuMicrosPerMessage(process)).orElse(Double.NaN);
    }

    /** Highest rate accepted by the server whatever was lost afterwards. */
    static double accepted(List<StepResult> steps) {
        return steps.stream().mapToDouble(s -> s.load().accepted() / s.load().seconds()).max().orElse(0);
    }

    /** Highest rate received by the subscriber (twins column) in a step without loss. */
    static double delivered(List<StepResult> steps) {
        return steps.stream().filter(s -> s.lost() == 0).mapToDouble(s -> s.twins() / s.load().seconds()).max().orElse(0);
    }

    double heapPerConnectionKb() {
        return connected <= 0 || heapBeforeConnectionsKb < 0 ? Double.NaN
                : (heapWithConnectionsKb - heapBeforeConnectionsKb) / (double) connected;
    }
}
