package io.parkops.sim.transport;

import io.parkops.sim.SimDevice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * The one UDP endpoint every simulated CoAP device sends through. Thousands of devices share a
 * socket and Californium's protocol threads instead of each owning a port and a thread pool.
 */
public final class CoapTransport {

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final CoapEndpoint endpoint;

    private CoapTransport(Vertx vertx, String host, int port, CoapEndpoint endpoint) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.endpoint = endpoint;
    }

    /** Binds an ephemeral local UDP port; {@code start()} blocks briefly, so it runs on a worker. */
    public static Future<CoapTransport> open(Vertx vertx, String host, int port) {
        return vertx.executeBlocking(() -> {
            CoapEndpoint endpoint = new CoapEndpoint.Builder()
                    .setConfiguration(configuration())
                    .setInetSocketAddress(new InetSocketAddress(0))
                    .setLoggingTag("parkops-sim")
                    .build();
            endpoint.start();
            return new CoapTransport(vertx, host, port, endpoint);
        });
    }

    /**
     * A private configuration, never {@code Configuration.getStandard()} (which writes
     * Californium3.properties into the working directory) nor
     * {@code createStandardWithoutFile()} (which replaces the JVM-wide standard that the
     * platform's own CoAP adapter may use when {@code ./parkops demo} runs both in one JVM).
     * Retransmissions are cut short so a silent platform shows up as errors within seconds.
     */
    static Configuration configuration() {
        CoapConfig.register();
        UdpConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.ACK_TIMEOUT, 2, TimeUnit.SECONDS);
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        return config;
    }

    public DeviceLink link(SimDevice device) {
        return new CoapDeviceLink(endpoint, host, port, device);
    }

    public Future<Void> close() {
        return vertx.executeBlocking(() -> {
            endpoint.destroy();
            return null;
        });
    }
}
