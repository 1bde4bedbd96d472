package io.parkops.sim.transport;

import io.vertx.core.Future;

/**
 * One simulated device's connection to the platform. Transports plug in behind this interface;
 * the reporting loop does not know whether it talks MQTT, CoAP or CoAPS.
 */
public interface DeviceLink {

    /** Connects where the transport has connections; a failure leaves the link retrying in the background. */
    Future<Void> open();

    /** Whether a report sent now can be delivered (an MQTT link waiting to reconnect cannot). */
    boolean ready();

    /** Sends one telemetry payload; succeeds once the platform accepted it, fails with {@link RejectedException} when refused. */
    Future<Void> sendTelemetry(byte[] payload);

    Future<Void> close();

    /** Obeys commands arriving over this link; the handler answers with a status. Links without commands ignore it. */
    default void onCommand(CommandHandler handler) {
    }

    /** Called on every connection after the first (with {@code true}) and the first (with {@code false}). */
    default void onConnected(java.util.function.Consumer<Boolean> reconnected) {
    }

    /** The device firmware's command entry point. */
    @FunctionalInterface
    interface CommandHandler {
        int handle(String name, String payloadJson);
    }

    /**
     * A send the platform answered with something other than success.
     *
     * @see #code() the protocol code, e.g. {@code 4.00}, {@code 5.03} or {@code MQTT 0x87}
     * @see #retryAfterMillis() how long the platform asked the device to wait (Max-Age), or -1
     */
    final class RejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final long retryAfterMillis;

        public RejectedException(String code, String message, long retryAfterMillis) {
            super(message, null, false, false);
            this.code = code;
            this.retryAfterMillis = retryAfterMillis;
        }

        public String code() {
            return code;
        }

        public long retryAfterMillis() {
            return retryAfterMillis;
        }

        /** 5.03 and 4.29: the message was fine but the platform wants the device to slow down and retry. */
        public boolean asksToBackOff() {
            return code.equals("5.03") || code.equals("4.29");
        }
    }
}
