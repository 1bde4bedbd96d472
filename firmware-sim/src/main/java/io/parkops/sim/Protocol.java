package io.parkops.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How simulated devices reach the platform. */
public enum Protocol {
    /** Every device publishes to {@code telemetry/{tenant}/{deviceId}} over its own MQTT connection. */
    MQTT,
    /** Every device POSTs to {@code coap://host:port/telemetry/{tenant}/{deviceId}}. */
    COAP,
    /** Every device POSTs to {@code coaps://host:5684/telemetry} in its own DTLS PSK session. */
    COAPS,
    /** Devices take turns over MQTT, CoAP and CoAPS so every transport carries every device type. */
    MIXED;

    /** The concrete transports this stands for: itself, or all three for {@link #MIXED}. */
    public List<Protocol> members() {
        return this == MIXED ? List.of(MQTT, COAP, COAPS) : List.of(this);
    }

    /** Parses {@code mqtt}, {@code coap}, {@code coaps} or {@code mixed}, in any case. */
    public static Protocol parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("protocol '" + text + "' must be one of mqtt, coap, coaps, mixed or a list such as mqtt,coap");
        }
    }

    /** Parses one protocol or a comma-separated mix such as {@code mqtt,coap}. */
    public static List<Protocol> parseList(String text) {
        List<Protocol> all = new ArrayList<>();
        for (String part : text.split(",")) {
            parse(part).members().stream().filter(p -> !all.contains(p)).forEach(all::add);
        }
        return all;
    }
}
