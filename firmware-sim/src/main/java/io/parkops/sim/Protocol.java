package io.parkops.sim;

import java.util.Locale;

/** How simulated devices reach the platform. */
public enum Protocol {
    /** Every device publishes to {@code telemetry/{tenant}/{deviceId}} over its own MQTT connection. */
    MQTT,
    /** Every device POSTs to {@code coap://host:port/telemetry/{tenant}/{deviceId}}. */
    COAP,
    /** Devices alternate between MQTT and CoAP so both transports carry every device type. */
    MIXED;

    /** Parses {@code mqtt}, {@code coap} or {@code mixed}, in any case. */
    public static Protocol parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("protocol '" + text + "' must be one of mqtt, coap, mixed");
        }
    }
}
