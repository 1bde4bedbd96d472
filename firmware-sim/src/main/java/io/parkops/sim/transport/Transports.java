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

    private Transports(SimOptions options, CoapTransport coap) {
        this.options = options;
        this.coap = coap;
    }

    /** Binds the shared CoAP endpoint only when some device reports over CoAP. */
    public static Future<Transports> open(Vertx vertx, SimOptions options, List<SimDevice> devices) {
        boolean anyCoap = devices.stream().anyMatch(d -> d.protocol() == Protocol.COAP);
        if (!anyCoap) {
            return Future.succeededFuture(new Transports(options, null));
        }
        return CoapTransport.open(vertx, options.coapHost(), options.coapPort())
                .map(coap -> new Transports(options, coap));
    }

    public DeviceLink link(SimDevice device) {
        return switch (device.protocol()) {
            case MQTT -> new MqttDeviceLink(options.mqttHost(), options.mqttPort(), device);
            case COAP -> coap.link(device);
            case MIXED -> throw new IllegalArgumentException(device + " has no single protocol");
        };
    }

    public Future<Void> close() {
        return coap == null ? Future.succeededFuture() : coap.close();
    }
}
