package io.parkops.sim.transport;

import io.parkops.sim.Protocol;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** Opens what the fleet's devices need to reach the platform and hands out one link per device. */
public final class Transports {

    private final SimOptions options;
    private final CoapTransport coap;
    private final CoapsTransport coaps;
    private final SourceAddresses sources;
    private int mqttLinks;

    private Transports(SimOptions options, CoapTransport coap, CoapsTransport coaps, SourceAddresses sources) {
        this.options = options;
        this.coap = coap;
        this.coaps = coaps;
        this.sources = sources;
    }

    /** Binds the shared CoAP endpoint only when some device reports over CoAP, and so on. */
    public static Future<Transports> open(Vertx vertx, SimOptions options, List<SimDevice> devices) {
        int mqtt = (int) devices.stream().filter(d -> d.protocol() == Protocol.MQTT).count();
        SourceAddresses sources = SourceAddresses.plan(options.sourceAddresses(), mqtt, options.mqttHost());
        CoapsTransport coaps = devices.stream().anyMatch(d -> d.protocol() == Protocol.COAPS)
                ? new CoapsTransport(options.coapHost(), options.coapsPort()) : null;
        if (devices.stream().noneMatch(d -> d.protocol() == Protocol.COAP)) {
            return Future.succeededFuture(new Transports(options, null, coaps, sources));
        }
        return CoapTransport.open(vertx, options.coapHost(), options.coapPort())
                .map(coap -> new Transports(options, coap, coaps, sources));
    }

    /** How many local addresses the MQTT connections spread over (0: the operating system's choice). */
    public int sourceAddressCount() {
        return sources.count();
    }

    /** A new link for the device; a CoAPS link binds its own UDP port, so call this on a worker thread. */
    public synchronized DeviceLink link(SimDevice device) {
        return switch (device.protocol()) {
            case MQTT -> new MqttDeviceLink(options.mqttHost(), options.mqttPort(), sources.forConnection(mqttLinks++), device);
            case COAP -> coap.link(device);
            case COAPS -> coaps.link(device);
            case MIXED -> throw new IllegalArgumentException(device + " has no single protocol");
        };
    }

    /** Call after every link is closed. */
    public Future<Void> close() {
        if (coaps != null) {
            coaps.close();
        }
        return coap == null ? Future.succeededFuture() : coap.close();
    }
}
