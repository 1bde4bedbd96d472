package io.parkops.model;

/**
 * Event-bus addresses of the one-directional data flow
 * {@code adapters -> twins -> rules -> InfluxDB}. Every message is a local object with a
 * pass-through codec; nothing here crosses a process boundary.
 */
public final class Addresses {

    /** {@link Telemetry} accepted by an ingress adapter. */
    public static final String TELEMETRY = "parkops.telemetry";
    /** {@link Device} newly provisioned (so its twin is created). */
    public static final String DEVICE_PROVISIONED = "parkops.device.provisioned";
    /** {@link ThingId} deprovisioned. */
    public static final String DEVICE_REMOVED = "parkops.device.removed";
    /** {@link TwinChange} published by the twin service after every applied message. */
    public static final String TWIN_CHANGED = "parkops.twin.changed";
    /** {@link Alert} published by the rules service on every alert transition. */
    public static final String ALERT_CHANGED = "parkops.alert.changed";

    /** {@link io.parkops.model.command.DeviceCommand} for the adapters to deliver to a device. */
    public static final String COMMAND_SEND = "parkops.command.send";
    /** {@link io.parkops.model.command.CommandUpdate} from the adapters: delivered or answered. */
    public static final String COMMAND_UPDATE = "parkops.command.update";

    /**
     * {@link io.parkops.model.command.DeviceCommand} for the platform's own MQTT endpoint (the Vert.x
     * one, {@code PARKOPS_MQTT_ENDPOINT=vertx}) to publish to the connections subscribed for its device.
     */
    public static final String COMMAND_TO_MQTT_ENDPOINT = "parkops.command.mqtt-endpoint";
    /** {@link AlertNotice} for the platform's own MQTT endpoint to publish to crews' subscriptions. */
    public static final String ALERT_TO_MQTT_ENDPOINT = "parkops.alert.mqtt-endpoint";

    private Addresses() {
    }
}
