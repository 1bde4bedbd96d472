package io.parkops.sim.transport;

import io.vertx.core.Future;

/**
 * One simulated device's connection to the platform. Transports plug in behind this interface;
 * the reporting loop does not know whether it talks MQTT or CoAP.
 */
public interface DeviceLink {

    /** Connects where the transport has connections; a failure leaves the link retrying in the background. */
    Future<Void> open();

    /** Whether a report sent now can be delivered (an MQTT link waiting to reconnect cannot). */
    boolean ready();

    /** Sends one JSON telemetry payload; succeeds once the platform accepted it. */
    Future<Void> sendTelemetry(byte[] json);

    Future<Void> close();

    /** Obeys commands arriving over this link; the handler answers with a status. Links without commands ignore it. */
    default void onCommand(CommandHandler handler) {
    }

    /** The device firmware's command entry point. */
    @FunctionalInterface
    interface CommandHandler {
        int handle(String name, String payloadJson);
    }

    /** A send the platform answered with something other than success, e.g. CoAP 4.01. */
    final class RejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
