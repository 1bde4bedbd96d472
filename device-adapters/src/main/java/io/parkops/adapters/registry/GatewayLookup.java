package io.parkops.adapters.registry;

import io.parkops.model.ThingId;

/**
 * Which devices a gateway may act for, as Eclipse Hono's {@code via}: a device names its gateways
 * when it is provisioned, and a gateway signed in as itself may then send that device's telemetry
 * and events and take its commands. Asked on every message a gateway sends, so an implementation
 * must answer from memory (the registry's map), never with I/O.
 */
public interface GatewayLookup {

    /** The built-in device type of gateways; refusals of a gateway are counted apart from other devices'. */
    String GATEWAY_TYPE = "gateway";

    /** No gateways at all: every device speaks only for itself. */
    GatewayLookup NONE = new GatewayLookup() {
        @Override
        public boolean mayActFor(ThingId gateway, ThingId device) {
            return false;
        }

        @Override
        public boolean isGateway(ThingId device) {
            return false;
        }
    };

    /** Whether {@code device} is provisioned and names {@code gateway} (same tenant) in its {@code via}. */
    boolean mayActFor(ThingId gateway, ThingId device);

    /** Whether {@code device} is provisioned with the type {@value #GATEWAY_TYPE}; only a label for refusals depends on it. */
    boolean isGateway(ThingId device);
}
