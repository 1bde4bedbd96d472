package io.parkops.sim.transport;

import io.parkops.sim.SimDevice;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * CoAPS devices: each has its own DTLS 1.2 PSK session (identity {@code {deviceId}@{tenant}},
 * key = the UTF-8 bytes of its provisioned {@code psk}), so each needs its own UDP socket and
 * DTLS connector, as real devices do. The protocol and DTLS work of every device runs on two
 * shared pools; only Scandium's blocking receive costs one thread per device, which is why
 * CoAPS fleets are meant for hundreds of devices, not tens of thousands.
 */
public final class CoapsTransport {

    private final String host;
    private final int port;
    private final ScheduledExecutorService protocolPool;
    private final ScheduledExecutorService secondaryPool;
    private final ExecutorService dtlsPool;

    CoapsTransport(String host, int port) {
        this.host = host;
        this.port = port;
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.protocolPool = ExecutorsUtil.newScheduledThreadPool(threads, new DaemonThreadFactory("sim-coaps#"));
        this.secondaryPool = ExecutorsUtil.newDefaultSecondaryScheduler("sim-coaps-timer#");
        this.dtlsPool = ExecutorsUtil.newFixedThreadPool(threads, new DaemonThreadFactory("sim-dtls#"));
    }

    /** Starts the device's endpoint (binding a UDP port, briefly blocking: call it off the event loop). */
    DeviceLink link(SimDevice device) {
        DtlsConfig.register(); // before the Configuration is made, so it carries the DTLS defaults
        DtlsConnectorConfig config = DtlsConnectorConfig.builder(CoapTransport.configuration())
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
                .setAddress(new InetSocketAddress(0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(device.authId(), device.psk().getBytes(StandardCharsets.UTF_8)))
                .setLoggingTag("sim " + device.authId())
                .build();
        DTLSConnector connector = new DTLSConnector(config);
        connector.setExecutor(dtlsPool);
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(CoapTransport.configuration())
                .setConnector(connector)
                .build();
        endpoint.setExecutors(protocolPool, secondaryPool);
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot open a DTLS endpoint for " + device.authId() + ": " + e.getMessage(), e);
        }
        return new CoapDeviceLink(endpoint, "coaps", host, port, "", endpoint::destroy);
    }

    void close() {
        ExecutorsUtil.shutdownExecutorGracefully(500, protocolPool, secondaryPool, dtlsPool);
    }
}
