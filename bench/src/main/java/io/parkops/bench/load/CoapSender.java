package io.parkops.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;

/**
 * Confirmable CoAP POSTs (Californium), asynchronous. The server remembers each peer's message ids
 * for the exchange lifetime (247 s) to drop duplicates, so one UDP socket can carry only ~265 new
 * messages/s; the load is spread over one endpoint (own source port, like a device) per 200 msg/s,
 * all sharing two protocol threads.
 */
final class CoapSender implements Sender {

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final List<CoapEndpoint> endpoints = new ArrayList<>();
    private final String[] paths;
    private final AddressEndpointContext destination;
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService secondary;
    private final Callback callback;

    CoapSender(LoadArgs args, Callback callback) throws IOException {
        this.callback = callback;
        paths = new String[args.devices()];
        for (int d = 0; d < paths.length; d++) {
            paths[d] = "telemetry/" + args.tenant() + "/" + args.deviceId(d);
        }
        destination = new AddressEndpointContext(new InetSocketAddress(args.host(), args.port()));
        Configuration cfg = Configuration.createStandardWithoutFile();
        cfg.set(CoapConfig.MID_TRACKER, CoapConfig.TrackerMode.NULL);
        cfg.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        cfg.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        executor = ExecutorsUtil.newScheduledThreadPool(2, new NamedThreadFactory("coap-load#"));
        secondary = ExecutorsUtil.newDefaultSecondaryScheduler("coap-load-timer#");
        int count = Math.max(args.connections(), (int) Math.ceil(args.rate() / 200.0));
        for (int i = 0; i < count; i++) {
            CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(cfg)
                    .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
            endpoint.setExecutors(executor, secondary);
            endpoint.start();
            endpoints.add(endpoint);
        }
    }

    @Override
    public void send(int device, byte[] payload) {
        Request request = Request.newPost();
        request.setDestinationContext(destination);
        request.getOptions().setUriPath(paths[device]).setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        request.setPayload(payload);
        request.addMessageObserver(new CoapOutcome(code -> { }, callback));
        endpoints.get(device % endpoints.size()).sendRequest(request);
    }

    @Override
    public void close() {
        endpoints.forEach(CoapEndpoint::destroy);
        ExecutorsUtil.shutdownExecutorGracefully(1000, executor, secondary);
    }
}
