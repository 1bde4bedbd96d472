package io.parkops.adapters.ingest;

import io.parkops.model.Addresses;
import io.parkops.model.Telemetry;
import io.parkops.model.flow.IngestGate;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/**
 * The one way an ingress edge hands an accepted message on to the twins: it travels with the
 * {@link IngestGate} permit {@link TelemetryIngest#accept} (or the edge) took, which the InfluxDB
 * writer gives back. Sending telemetry any other way would keep the permit for good and, after
 * {@code maxInFlight} messages, shut the gate for every device.
 */
public final class HandOff {

    private HandOff() {
    }

    /** Hands on a message whose device waits for no answer (MQTT QoS 0). */
    public static void send(EventBus bus, Telemetry telemetry) {
        bus.send(Addresses.TELEMETRY, telemetry, holdingPermit());
    }

    /**
     * Hands on a message that is acknowledged to its sender only once durable: the writer sends
     * {@code ackId} to {@code ackAddress} then (MQTT QoS 1, CoAP).
     */
    public static void send(EventBus bus, Telemetry telemetry, String ackAddress, long ackId) {
        bus.send(Addresses.TELEMETRY, telemetry, holdingPermit()
                .addHeader(IngestGate.ACK_ADDRESS_HEADER, ackAddress)
                .addHeader(IngestGate.ACK_ID_HEADER, Long.toString(ackId)));
    }

    private static DeliveryOptions holdingPermit() {
        return new DeliveryOptions().addHeader(IngestGate.PERMIT_HEADER, "1");
    }
}
