package io.parkops.adapters.mqtt.endpoint;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the Vert.x device endpoint, checked when made.
 *
 * @param host             interface to bind
 * @param port             MQTT port (0 = any free port)
 * @param tlsKeystore      PKCS12 key store for MQTT over TLS on {@code tlsPort}; null = no TLS listener
 * @param tlsPassword      its password
 * @param tlsPort          MQTT-over-TLS port
 * @param receiveMaximum   QoS 1 messages one connection may have unacknowledged (MQTT 5 receive maximum;
 *                         the socket of any client is paused there)
 * @param maxMessageBytes  largest MQTT packet read; above the ingest limit, so an oversized message is refused and counted
 * @param unrestricted     true: no sign-in and no topic rules (PARKOPS_MQTT_ALLOW_UNAUTHENTICATED, labs)
 * @param storeTimeout     how long a PUBACK may wait for its message to be stored
 */
public record EndpointSettings(String host, int port, Path tlsKeystore, String tlsPassword, int tlsPort, int receiveMaximum,
                               int maxMessageBytes, boolean unrestricted, Duration storeTimeout) {

    public EndpointSettings {
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receive maximum must be 1..65535, was " + receiveMaximum);
        }
        if (tlsKeystore != null && tlsPassword == null) {
            throw new IllegalArgumentException("a TLS key store needs its password");
        }
    }
}
