package io.parkops.adapters.mqtt.endpoint;

import io.parkops.adapters.command.CommandTopics;
import io.parkops.adapters.command.PendingCommands;
import io.parkops.adapters.mqtt.auth.TopicPolicy;
import io.parkops.model.Addresses;
import io.parkops.model.AlertNotice;
import io.parkops.model.ThingId;
import io.parkops.model.command.CommandState;
import io.parkops.model.command.CommandUpdate;
import io.parkops.model.command.DeviceCommand;
import io.vertx.core.eventbus.EventBus;
import java.util.Map;

/**
 * Messages from the platform to the endpoint's clients: a device command goes to the connections
 * subscribed for its device (the device's own, or its gateway's), and is sent again whenever one
 * subscribes while it is still pending (not answered, not expired), so a device that was away gets
 * it when it is back; an alert goes to the crews' connections whose {@code alerts/...} filters
 * match. Nothing is queued for a client that is not connected: commands wait in
 * {@link PendingCommands}, alerts are not kept (a known gap of this mode, see docs/operations.md).
 * Runs on the endpoint's event loop.
 */
final class OutboundRoutes {

    private final Subscriptions<DeviceConnection> subscriptions;
    private final PendingCommands pending;
    private final EventBus bus;

    OutboundRoutes(Subscriptions<DeviceConnection> subscriptions, PendingCommands pending, EventBus bus) {
        this.subscriptions = subscriptions;
        this.pending = pending;
        this.bus = bus;
    }

    /** A new command: published to every connection subscribed for it (it stays pending until answered). */
    void command(DeviceCommand command) {
        if (command.expired(System.currentTimeMillis())) {
            return;
        }
        Map<DeviceConnection, Integer> to = subscriptions.matching(CommandTopics.request(command));
        to.forEach((connection, qos) -> send(connection, command, qos));
    }

    void alert(AlertNotice notice) {
        subscriptions.matching(notice.topic()).forEach((connection, qos) -> connection.deliver(notice.topic(), notice.json(), qos));
    }

    /** A connection subscribed to {@code filter} with {@code qos}: the device's pending commands that match it go out now. */
    void subscribed(DeviceConnection connection, String filter, int qos) {
        ThingId device = TopicPolicy.commandTarget(filter);
        if (device == null) {
            return; // no single device's commands (alerts, or an unrestricted client's wildcard)
        }
        for (DeviceCommand command : pending.unexpired(device, System.currentTimeMillis())) {
            if (TopicFilter.matches(filter, CommandTopics.request(command))) {
                send(connection, command, qos);
            }
        }
    }

    /** A device's answer: the command is done, as for CoAP's {@code /command/res}. */
    void answered(CommandTopics.Response response) {
        pending.answered(response.thingId(), response.reqId());
        bus.send(Addresses.COMMAND_UPDATE, CommandUpdate.answered(response.thingId(), response.reqId(), response.status(), "MQTT"));
    }

    private void send(DeviceConnection connection, DeviceCommand command, int qos) {
        connection.deliver(CommandTopics.request(command), command.payload(), qos);
        bus.send(Addresses.COMMAND_UPDATE, new CommandUpdate(command.thingId(), command.reqId(), CommandState.SENT, 0,
                "published over MQTT"));
    }
}
