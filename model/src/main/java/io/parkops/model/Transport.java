package io.parkops.model;

/** How a message reached the platform; used for metrics and for routing commands back. */
public enum Transport {
    MQTT, COAP, HTTP, SIMULATOR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
