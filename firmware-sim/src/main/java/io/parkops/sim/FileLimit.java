package io.parkops.sim;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Checks before connecting that the process may open a file descriptor per MQTT connection and
 * CoAPS socket: otherwise thousands of connects fail one by one with "Too many open files".
 */
public final class FileLimit {

    /** Jar files, sockets of Vert.x and the HTTP client, the CoAP endpoint and some slack. */
    static final long HEADROOM = 512;

    private FileLimit() {
    }

    /** @return a message saying what to raise, or {@code null} when the limit is high enough or unknown */
    public static String check(List<SimDevice> fleet) {
        return check(fleet, false);
    }

    /**
     * As {@link #check(List)}; {@code withBroker} when the broker runs in this process too
     * ({@code ./parkops demo}) and needs a descriptor for each MQTT connection as well.
     */
    public static String check(List<SimDevice> fleet, boolean withBroker) {
        long sockets = fleet.stream().filter(d -> d.protocol() != Protocol.COAP).count()
                + (withBroker ? fleet.stream().filter(d -> d.protocol() == Protocol.MQTT).count() : 0);
        return check(sockets, maxFileDescriptors());
    }

    static String check(long sockets, long limit) {
        if (limit <= 0 || sockets + HEADROOM <= limit) {
            return null;
        }
        long needed = sockets + HEADROOM;
        return "this process may open " + limit + " files but " + sockets + " MQTT/CoAPS devices need about " + needed
                + ". Raise the limit first, e.g. 'ulimit -n " + Math.max(needed, 2 * sockets) + "' (as root, or in "
                + "/etc/security/limits.conf), and give the broker the same: it needs one per connection too.";
    }

    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
