package io.parkops.sim;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Checks before connecting that the process may open a file descriptor per MQTT connection and
 * CoAPS socket: otherwise thousands of connects fail one by one with "Too many open files".
 */
final class FileLimit {

    /** Jar files, sockets of Vert.x and the HTTP client, the CoAP endpoint and some slack. */
    static final long HEADROOM = 512;

    private FileLimit() {
    }

    /** @return a message saying what to raise, or {@code null} when the limit is high enough or unknown */
    static String check(List<SimDevice> fleet) {
        long sockets = fleet.stream().filter(d -> d.protocol() != Protocol.COAP).count();
        long limit = maxFileDescriptors();
        return check(sockets, limit);
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
