package io.parkops.sim;

import java.util.Locale;
import java.util.Map;

/**
 * A snapshot of the simulator's counters.
 *
 * @param devices           devices of the run
 * @param connected         devices whose link can send now (CoAP links always can)
 * @param sent              messages handed to the transport, retries included
 * @param acked             messages the platform accepted (MQTT PUBACK success, CoAP 2.04)
 * @param errors            refusals, timeouts, failed connects and refused provisioning (409 is not an error)
 * @param buffered          reports waiting in device buffers now
 * @param droppedFromBuffer reports dropped because a device's buffer was full (oldest first)
 * @param reconnects        connections re-established after a loss
 * @param backoffs          times a device waited because the platform said 5.03 or 4.29
 * @param refusedByCode     refusals by protocol code, e.g. {@code 4.00}, {@code 5.03}, {@code MQTT 0x87}
 * @param faultsInjected    faults injected by name, e.g. {@code duplicate}
 */
public record SimStats(long devices, long connected, long sent, long acked, long errors, long buffered,
                       long droppedFromBuffer, long reconnects, long backoffs,
                       Map<String, Long> refusedByCode, Map<String, Long> faultsInjected) {

    public static final SimStats ZERO = new SimStats(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    public SimStats {
        refusedByCode = Map.copyOf(refusedByCode);
        faultsInjected = Map.copyOf(faultsInjected);
    }

    /** Accepted messages per second between an earlier snapshot and this one. */
    public double rateSince(SimStats earlier, double seconds) {
        return seconds <= 0 ? 0 : (acked - earlier.acked) / seconds;
    }

    /** The progress line, e.g. {@code connected 32/32 | sent 1240 | acked 1234 | 24.6 msg/s | errors 0 | buffered 0}. */
    public String progressLine(double messagesPerSecond) {
        return String.format(Locale.ROOT, "connected %d/%d | sent %d | acked %d | %.1f msg/s | errors %d | buffered %d",
                connected, devices, sent, acked, messagesPerSecond, errors, buffered);
    }

    /** The end-of-run summary, several lines. */
    public String summary() {
        return String.format(Locale.ROOT, "devices %d | sent %d | acked %d | errors %d%n"
                        + "  refused by code: %s%n  faults injected: %s%n"
                        + "  reconnects %d | backoffs (5.03/4.29) %d | dropped from full buffers %d | still buffered %d",
                devices, sent, acked, errors, refusedByCode.isEmpty() ? "none" : refusedByCode,
                faultsInjected.isEmpty() ? "none" : faultsInjected, reconnects, backoffs, droppedFromBuffer, buffered);
    }

    @Override
    public String toString() {
        return "devices " + devices + " | connected " + connected + " | sent " + sent + " | acked " + acked + " | errors " + errors
                + " | buffered " + buffered;
    }
}
