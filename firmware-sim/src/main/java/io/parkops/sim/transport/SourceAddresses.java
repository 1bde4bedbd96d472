package io.parkops.sim.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Local addresses for MQTT connections. One source address gives one client only about 28,000
 * ephemeral ports towards one broker port, so a fleet of 50,000 loopback connections spreads
 * its sources over 127.0.0.1, 127.0.0.2, … (all of 127.0.0.0/8 is loopback on Linux).
 */
public final class SourceAddresses {

    /** Connections per source address when the count is chosen automatically, well below the ~28k ports. */
    public static final int CONNECTIONS_PER_ADDRESS = 20_000;

    private final int count;

    private SourceAddresses(int count) {
        this.count = count;
    }

    /**
     * @param requested addresses asked for; 0 chooses: one per {@value #CONNECTIONS_PER_ADDRESS}
     *                  connections when the broker is on loopback and one is not enough, else none
     *                  (the operating system picks the source as usual)
     */
    public static SourceAddresses plan(int requested, int connections, String brokerHost) {
        if (requested > 0) {
            return new SourceAddresses(requested);
        }
        boolean loopback = brokerHost.startsWith("127.") || brokerHost.equals("localhost");
        int needed = (connections + CONNECTIONS_PER_ADDRESS - 1) / CONNECTIONS_PER_ADDRESS;
        return new SourceAddresses(loopback && needed > 1 ? needed : 0);
    }

    public int count() {
        return count;
    }

    /** The source of the {@code n}-th connection, or {@code null} to leave it to the operating system. */
    public InetAddress forConnection(int n) {
        return count == 0 ? null : address(n % count);
    }

    /** 127.0.0.1, 127.0.0.2, …, 127.0.0.254, 127.0.1.1, …: never a .0 or .255 host part. */
    static InetAddress address(int index) {
        int third = index / 254;
        int fourth = index % 254 + 1;
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an IPv4 address", e);
        }
    }
}
