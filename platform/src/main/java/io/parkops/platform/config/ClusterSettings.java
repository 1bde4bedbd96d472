package io.parkops.platform.config;

import io.parkops.cluster.ClusterConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster settings ({@code kafka*}, {@code nodeId}) as a {@link ClusterConfig}: present only when
 * {@link ConfigKey#KAFKA_BOOTSTRAP} is set. Each bad value fails with its key's name.
 */
final class ClusterSettings {

    private ClusterSettings() {
    }

    static Optional<ClusterConfig> from(Map<ConfigKey, String> v, Path dataDir) {
        String bootstrap = v.get(ConfigKey.KAFKA_BOOTSTRAP);
        if (bootstrap == null) {
            return Optional.empty();
        }
        String nodeId = v.get(ConfigKey.NODE_ID) != null ? v.get(ConfigKey.NODE_ID) : derivedNodeId(dataDir);
        String replication = v.get(ConfigKey.KAFKA_REPLICATION).trim().toLowerCase(Locale.ROOT);
        try {
            return Optional.of(new ClusterConfig(bootstrap, nodeId, v.get(ConfigKey.KAFKA_TOPIC_PREFIX),
                    PlatformConfig.integer(v, ConfigKey.KAFKA_PARTITIONS),
                    "auto".equals(replication) ? ClusterConfig.REPLICATION_AUTO : atLeastOne(v, ConfigKey.KAFKA_REPLICATION),
                    Duration.ofMillis(PlatformConfig.integer(v, ConfigKey.KAFKA_ACK_TIMEOUT_MS))));
        } catch (ClusterConfig.InvalidSetting e) {
            ConfigKey key = switch (e.setting()) {
                case BOOTSTRAP -> ConfigKey.KAFKA_BOOTSTRAP;
                case NODE_ID -> ConfigKey.NODE_ID;
                case TOPIC_PREFIX -> ConfigKey.KAFKA_TOPIC_PREFIX;
                case PARTITIONS -> ConfigKey.KAFKA_PARTITIONS;
                case REPLICATION -> ConfigKey.KAFKA_REPLICATION;
                case ACK_TIMEOUT -> ConfigKey.KAFKA_ACK_TIMEOUT_MS;
            };
            throw new ConfigException(key, key == ConfigKey.NODE_ID ? nodeId : v.get(key), e.getMessage());
        }
    }

    /**
     * The host name and a short hash of the data dir: two nodes on one machine (each with its own
     * data dir) get different names, and a node keeps its name across restarts.
     */
    static String derivedNodeId(Path dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        host = host.replaceAll("[^A-Za-z0-9._-]", "-");
        if (host.isEmpty() || !Character.isLetterOrDigit(host.charAt(0))) {
            host = "node" + host;
        }
        String dir = dataDir.toAbsolutePath().normalize().toString();
        return (host.length() > 80 ? host.substring(0, 80) : host) + "-" + String.format("%08x", dir.hashCode());
    }

    private static int atLeastOne(Map<ConfigKey, String> v, ConfigKey key) {
        int n = PlatformConfig.integer(v, key);
        if (n < 1) {
            throw new ConfigException(key, v.get(key), "must be auto or at least 1");
        }
        return n;
    }
}
