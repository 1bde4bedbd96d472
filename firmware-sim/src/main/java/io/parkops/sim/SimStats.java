package io.parkops.sim;

/**
 * A snapshot of the simulator's counters.
 *
 * @param devices      devices reporting
 * @param messagesSent messages the platform accepted (MQTT PUBACK, CoAP 2.04)
 * @param errors       failed publishes, CoAP responses other than 2.04, timeouts, reports skipped
 *                     while a device was disconnected, and provisioning refused (409 is not an error)
 */
public record SimStats(long devices, long messagesSent, long errors) {

    /** Messages per second between an earlier snapshot and this one. */
    public double rateSince(SimStats earlier, double seconds) {
        return seconds <= 0 ? 0 : (messagesSent - earlier.messagesSent) / seconds;
    }

    /** The progress line, e.g. {@code devices 32 | sent 1234 | 24.6 msg/s | errors 0}. */
    public String progressLine(double messagesPerSecond) {
        return String.format(java.util.Locale.ROOT, "devices %d | sent %d | %.1f msg/s | errors %d",
                devices, messagesSent, messagesPerSecond, errors);
    }

    @Override
    public String toString() {
        return "devices " + devices + " | sent " + messagesSent + " | errors " + errors;
    }
}
