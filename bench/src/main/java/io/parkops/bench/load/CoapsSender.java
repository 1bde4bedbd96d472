package io.parkops.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Confirmable CoAPS POSTs (DTLS 1.2 PSK, Scandium), asynchronous. Every device the generator
 * round-robins over is a real signed-in device: its own UDP socket and DTLS session with its own
 * PSK identity {@code {deviceId}@{tenant}}, so it posts to the short path {@code /telemetry} and
 * the platform takes the device from the session, as for a real CoAPS device. Because each message
 * must go out under its own device's session, the device count is the endpoint count: at most
 * {@value #MAX_RATE_PER_DEVICE} msg/s per device keeps far below the server's per-peer message-id
 * memory (247 s) and is roughly what one constrained device can do. All endpoints share two
 * protocol threads and two DTLS threads; only Scandium's blocking receive costs one thread per
 * device. The handshakes are all done in the constructor, before READY, so they are not in the
 * measured window; their time is printed as {@code HANDSHAKES <devices> <ms>}.
 */
final class CoapsSender implements Sender {

    /** Most messages per second one device is asked to send. */
    static final int MAX_RATE_PER_DEVICE = 50;
    private static final int SIGN_IN_PARALLEL = 32;
    private static final long SIGN_IN_TIMEOUT_S = 60;

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final List<CoapEndpoint> endpoints = new ArrayList<>();
    private final AddressEndpointContext destination;
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService secondary;
    private final ExecutorService dtls;
    private final long handshakeMillis;
    private final Map<ResponseCode, LongAdder> codes = new ConcurrentHashMap<>();
    private final Callback callback;

    CoapsSender(LoadArgs args, Callback callback) throws IOException, InterruptedException {
        this(args, callback, SIGN_IN_TIMEOUT_S);
    }

    CoapsSender(LoadArgs args, Callback callback, long signInTimeoutSeconds) throws IOException, InterruptedException {
        this.callback = callback;
        int minDevices = minDevices(args.rate());
        if (args.devices() < minDevices) {
            throw new IllegalArgumentException("coaps: --devices must be at least " + minDevices + " for --rate " + args.rate()
                    + " (each DTLS device sends at most " + MAX_RATE_PER_DEVICE + " msg/s), was " + args.devices());
        }
        destination = new AddressEndpointContext(new InetSocketAddress(args.host(), args.port()));
        executor = ExecutorsUtil.newScheduledThreadPool(2, new NamedThreadFactory("coaps-load#"));
        secondary = ExecutorsUtil.newDefaultSecondaryScheduler("coaps-load-timer#");
        dtls = ExecutorsUtil.newFixedThreadPool(2, new NamedThreadFactory("coaps-dtls#"));
        Configuration cfg = configuration();
        try {
            for (int d = 0; d < args.devices(); d++) {
                endpoints.add(endpoint(cfg, DeviceKeys.identity(args.tenant(), args.deviceId(d)), DeviceKeys.keyBytes(args.deviceId(d))));
            }
            long t0 = System.nanoTime();
            new SignIn(SIGN_IN_PARALLEL).run(endpoints, destination, i -> DeviceKeys.identity(args.tenant(), args.deviceId(i)),
                    signInTimeoutSeconds);
            handshakeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        System.out.println("HANDSHAKES " + endpoints.size() + " " + handshakeMillis);
    }

    /** Fewest devices that carry {@code rate} msg/s at {@value #MAX_RATE_PER_DEVICE} msg/s each. */
    static int minDevices(int rate) {
        return (rate + MAX_RATE_PER_DEVICE - 1) / MAX_RATE_PER_DEVICE;
    }

    /** The POST a device sends: confirmable, short path (device from the DTLS session), content format 50. */
    static Request post(byte[] payload) {
        Request request = Request.newPost();
        request.getOptions().setUriPath("telemetry").setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        request.setPayload(payload);
        return request;
    }

    long handshakeMillis() {
        return handshakeMillis;
    }

    private static Configuration configuration() {
        Configuration cfg = Configuration.createStandardWithoutFile();
        cfg.set(CoapConfig.MID_TRACKER, CoapConfig.TrackerMode.NULL);
        cfg.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        cfg.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        cfg.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4); // one server; the default sizes stores for a server's 150,000 peers
        return cfg;
    }

    private CoapEndpoint endpoint(Configuration cfg, String identity, byte[] key) throws IOException {
        DtlsConnectorConfig config = DtlsConnectorConfig.builder(cfg)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        DTLSConnector connector = new DTLSConnector(config);
        connector.setExecutor(dtls);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(connector).build();
        endpoint.setExecutors(executor, secondary);
        endpoint.start();
        return endpoint;
    }

    @Override
    public void send(int device, byte[] payload) {
        Request request = post(payload);
        request.setDestinationContext(destination);
        request.addMessageObserver(new CoapOutcome(code -> codes.computeIfAbsent(code, c -> new LongAdder()).increment(), callback));
        endpoints.get(device).sendRequest(request);
    }

    /** Responses by code other than 2.04, e.g. {@code 5.03=120 4.29=3}: the result line folds them into refused/failed. */
    String refusals() {
        StringBuilder b = new StringBuilder();
        codes.forEach((code, n) -> b.append(b.isEmpty() ? "" : " ").append(code.text).append('=').append(n.sum()));
        return b.toString();
    }

    @Override
    public void close() {
        if (!codes.isEmpty()) {
            System.out.println("RESPONSES " + refusals());
        }
        endpoints.forEach(CoapEndpoint::destroy);
        ExecutorsUtil.shutdownExecutorGracefully(1000, executor, secondary, dtls);
    }
}
