package io.parkops.adapters.mqtt;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded HiveMQ CE broker, used when {@code PARKOPS_MQTT_URL} is unset.
 *
 * @param bindAddress interface to listen on
 * @param port        TCP port ({@code PARKOPS_MQTT_PORT})
 * @param dataDir     folder for the broker's configuration and persistence ({@code {data dir}/broker})
 * @param maxPacketBytes largest MQTT packet the broker takes; larger ones reach the ingress and are refused there, counted
 */
public record EmbeddedBrokerConfig(String bindAddress, int port, Path dataDir, int maxPacketBytes) {

    public EmbeddedBrokerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("PARKOPS_MQTT_PORT must be 1..65535, was " + port);
        }
    }
}
