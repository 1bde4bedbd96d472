package io.parkops.adapters.mqtt.endpoint;

import io.parkops.adapters.mqtt.auth.TopicGuard;
import java.time.Duration;
import java.util.Set;

/**
 * What every connection of the endpoint shares; all of it lives on the endpoint's event loop.
 *
 * @param inbound        takes a PUBLISH in (telemetry, events, command answers)
 * @param guard          who may publish and subscribe where ({@code null}-identity connections are unrestricted)
 * @param subscriptions  live subscriptions, for commands and alerts
 * @param outbound       sends commands (also those waiting when a device subscribes) and alerts
 * @param receiveMaximum QoS 1 messages one connection may have unacknowledged; announced to MQTT 5
 *                       clients, and the socket of any client is paused at it
 * @param storeTimeout   how long a PUBACK may wait for its message to be stored
 * @param live           the open connections (for the gauge)
 */
record ConnectionServices(InboundPublish inbound, TopicGuard guard, Subscriptions<DeviceConnection> subscriptions,
                          OutboundRoutes outbound, int receiveMaximum, Duration storeTimeout, Set<DeviceConnection> live) {
}
