package io.parkops.platform.config;

import io.parkops.cluster.ClusterConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's settings, typed and validated at start-up so bad config fails at once with a
 * message that names the key. Built by {@link ConfigLoader} from defaults, the config file and
 * the environment, in that order. {@link #cluster()} is present in cluster mode ({@code PARKOPS_KAFKA_BOOTSTRAP} set).
 */
public record PlatformConfig(Path dataDir, String bindAddress, int httpPort, int mqttPort, Optional<URI> mqttUrl,
                             String mqttEndpoint, int mqttSessionExpirySeconds, int coapPort, int coapsPort, boolean coapAllowUnauthenticated,
                             boolean mqttAllowUnauthenticated, Optional<Path> tlsKeystore, Optional<String> tlsKeystorePassword,
                             int mqttsPort, String influxUrl,
                             String influxDb, String twinBackend, Optional<String> dittoUrl, Optional<String> adminToken,
                             Optional<Path> bootstrapFile, int maxPayloadBytes,
                             int twinCommitIntervalMs, int alertsKeepCleared,
                             FlowTuning flow, Optional<ClusterConfig> cluster) {

    public PlatformConfig {
        mqttUrl.ifPresent(u -> {
            if (!"tcp".equals(u.getScheme()) || u.getHost() == null || u.getPort() <= 0) {
                throw new ConfigException(ConfigKey.MQTT_URL, u.toString(), "must look like tcp://host:port");
            }
        });
        if (!"hivemq".equals(mqttEndpoint) && !"vertx".equals(mqttEndpoint)) {
            throw new ConfigException(ConfigKey.MQTT_ENDPOINT, mqttEndpoint, "must be 'hivemq' or 'vertx'");
        }
        if (mqttSessionExpirySeconds < 0) {
            throw new ConfigException(ConfigKey.MQTT_SESSION_EXPIRY, String.valueOf(mqttSessionExpirySeconds), "must be 0 or more seconds");
        }
        if (!"embedded".equals(twinBackend) && !"ditto".equals(twinBackend)) {
            throw new ConfigException(ConfigKey.TWIN_BACKEND, twinBackend, "must be 'embedded' or 'ditto'");
        }
        if ("ditto".equals(twinBackend) && dittoUrl.isEmpty()) {
            throw new ConfigException(ConfigKey.DITTO_URL, "", "must be set (ws://user:password@host:port) when twinBackend is 'ditto'");
        }
        if (maxPayloadBytes < 64 || maxPayloadBytes > 16 * 1024 * 1024) {
            throw new ConfigException(ConfigKey.MAX_PAYLOAD_BYTES, String.valueOf(maxPayloadBytes), "must be 64..16777216");
        }
        if (twinCommitIntervalMs < 10 || twinCommitIntervalMs > 60_000) {
            throw new ConfigException(ConfigKey.TWIN_COMMIT_INTERVAL_MS, String.valueOf(twinCommitIntervalMs), "must be 10..60000");
        }
        if (alertsKeepCleared < 0 || alertsKeepCleared > 1_000_000) {
            throw new ConfigException(ConfigKey.ALERTS_KEEP_CLEARED, String.valueOf(alertsKeepCleared), "must be 0..1000000");
        }
        tlsKeystore.ifPresent(ks -> {
            if (!java.nio.file.Files.isReadable(ks)) {
                throw new ConfigException(ConfigKey.TLS_KEYSTORE, ks.toString(), "must be a readable key store file");
            }
            if (tlsKeystorePassword.isEmpty()) {
                throw new ConfigException(ConfigKey.TLS_KEYSTORE_PASSWORD, "", "must be set when tlsKeystore is set");
            }
        });
        if (!influxUrl.startsWith("http://") && !influxUrl.startsWith("https://")) {
            throw new ConfigException(ConfigKey.INFLUX_URL, influxUrl, "must be an http:// or https:// URL");
        }
    }

    /** Builds the config from key/value text (defaults already applied). */
    static PlatformConfig from(Map<ConfigKey, String> v) {
        return new PlatformConfig(
                Path.of(v.get(ConfigKey.DATA_DIR)),
                v.get(ConfigKey.BIND_ADDRESS),
                port(v, ConfigKey.HTTP_PORT),
                port(v, ConfigKey.MQTT_PORT),
                Optional.ofNullable(v.get(ConfigKey.MQTT_URL)).map(u -> uri(ConfigKey.MQTT_URL, u)),
                v.get(ConfigKey.MQTT_ENDPOINT).trim().toLowerCase(java.util.Locale.ROOT),
                integer(v, ConfigKey.MQTT_SESSION_EXPIRY),
                port(v, ConfigKey.COAP_PORT),
                port(v, ConfigKey.COAPS_PORT),
                bool(v, ConfigKey.COAP_ALLOW_UNAUTHENTICATED),
                bool(v, ConfigKey.MQTT_ALLOW_UNAUTHENTICATED),
                Optional.ofNullable(v.get(ConfigKey.TLS_KEYSTORE)).map(Path::of),
                Optional.ofNullable(v.get(ConfigKey.TLS_KEYSTORE_PASSWORD)),
                port(v, ConfigKey.MQTTS_PORT),
                v.get(ConfigKey.INFLUX_URL),
                v.get(ConfigKey.INFLUX_DB),
                v.get(ConfigKey.TWIN_BACKEND),
                Optional.ofNullable(v.get(ConfigKey.DITTO_URL)),
                Optional.ofNullable(v.get(ConfigKey.ADMIN_TOKEN)),
                Optional.ofNullable(v.get(ConfigKey.BOOTSTRAP_FILE)).map(Path::of),
                integer(v, ConfigKey.MAX_PAYLOAD_BYTES),
                integer(v, ConfigKey.TWIN_COMMIT_INTERVAL_MS),
                integer(v, ConfigKey.ALERTS_KEEP_CLEARED),
                FlowTuning.from(v),
                ClusterSettings.from(v, Path.of(v.get(ConfigKey.DATA_DIR))));
    }

    /**
     * Whether devices' MQTT is served by ParkOps's own Vert.x endpoint: asked for, and no external
     * broker (which keeps the HiveMQ-client ingress whatever this says).
     */
    public boolean vertxMqttEndpoint() {
        return "vertx".equals(mqttEndpoint) && mqttUrl.isEmpty();
    }

    private static int port(Map<ConfigKey, String> v, ConfigKey key) {
        int port = integer(v, key);
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, v.get(key), "must be a port number 0..65535 (0 = any free port)");
        }
        return port;
    }

    /** A whole-number setting, or the error that names its key. */
    static int integer(Map<ConfigKey, String> v, ConfigKey key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ConfigException(key, v.get(key), "must be a whole number");
        }
    }

    private static boolean bool(Map<ConfigKey, String> v, ConfigKey key) {
        String text = v.get(key).trim().toLowerCase(java.util.Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new ConfigException(key, v.get(key), "must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static URI uri(ConfigKey key, String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, text, "is not a URL: " + e.getMessage());
        }
    }
}
