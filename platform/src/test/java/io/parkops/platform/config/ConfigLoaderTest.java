package io.parkops.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.cluster.ClusterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFollowTheContract() {
        PlatformConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.mqttPort()).isEqualTo(1883);
        assertThat(c.mqttUrl()).isEmpty();
        assertThat(c.coapPort()).isEqualTo(5683);
        assertThat(c.coapsPort()).isEqualTo(5684);
        assertThat(c.coapAllowUnauthenticated()).isFalse();
        assertThat(c.mqttAllowUnauthenticated()).isFalse();
        assertThat(c.tlsKeystore()).isEmpty();
        assertThat(c.mqttsPort()).isEqualTo(8883);
        assertThat(c.influxUrl()).isEqualTo("http://127.0.0.1:8086");
        assertThat(c.influxDb()).isEqualTo("parkops");
        assertThat(c.twinBackend()).isEqualTo("embedded");
        assertThat(c.mqttEndpoint()).isEqualTo("hivemq");
        assertThat(c.vertxMqttEndpoint()).isFalse();
        assertThat(c.flow().mqttEndpointReceiveMaximum()).isEqualTo(1000);
    }

    @Test
    void theVertxEndpointIsChosenOnlyWithoutAnExternalBroker() {
        assertThat(ConfigLoader.load(null, Map.of("PARKOPS_MQTT_ENDPOINT", "vertx")).vertxMqttEndpoint()).isTrue();
        assertThat(ConfigLoader.load(null, Map.of("PARKOPS_MQTT_ENDPOINT", "vertx", "PARKOPS_MQTT_URL", "tcp://broker:1883"))
                .vertxMqttEndpoint()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_MQTT_ENDPOINT", "mosquitto")))
                .hasMessageContaining("PARKOPS_MQTT_ENDPOINT").hasMessageContaining("'hivemq' or 'vertx'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_MQTT_ENDPOINT_RECEIVE_MAXIMUM", "0")))
                .hasMessageContaining("PARKOPS_MQTT_ENDPOINT_RECEIVE_MAXIMUM").hasMessageContaining("1..65535");
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults() throws Exception {
        Path file = dir.resolve("parkops.yaml");
        Files.writeString(file, "httpPort: 9090\ninfluxDb: site_a\n");
        PlatformConfig c = ConfigLoader.load(file, Map.of("PARKOPS_HTTP_PORT", "9191"));
        assertThat(c.httpPort()).isEqualTo(9191);
        assertThat(c.influxDb()).isEqualTo("site_a");
    }

    @Test
    void readsJsonFilesToo() throws Exception {
        Path file = dir.resolve("parkops.json");
        Files.writeString(file, "{\"mqttUrl\": \"tcp://broker:1883\"}");
        assertThat(ConfigLoader.load(file, Map.of()).mqttUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("broker"));
    }

    @Test
    void aTypoInTheFileIsRefusedNotIgnored() throws Exception {
        Path file = dir.resolve("parkops.yaml");
        Files.writeString(file, "htpPort: 9090\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageContaining("unknown key 'htpPort'");
    }

    @Test
    void aBadValueNamesTheKeyAndTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_COAP_PORT", "coap")))
                .hasMessageContaining("coapPort").hasMessageContaining("PARKOPS_COAP_PORT").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_MQTT_URL", "http://x")))
                .hasMessageContaining("PARKOPS_MQTT_URL").hasMessageContaining("tcp://host:port");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "yes")))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_MQTT_ALLOW_UNAUTHENTICATED", "1")))
                .hasMessageContaining("PARKOPS_MQTT_ALLOW_UNAUTHENTICATED").hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_TLS_KEYSTORE", "/no/such/store.p12")))
                .hasMessageContaining("PARKOPS_TLS_KEYSTORE").hasMessageContaining("readable key store");
    }

    @Test
    void theDittoBackendNeedsADittoUrlAndCommitIntervalsAreBounded() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_TWIN_BACKEND", "ditto")))
                .hasMessageContaining("PARKOPS_DITTO_URL");
        assertThat(ConfigLoader.load(null, Map.of("PARKOPS_TWIN_BACKEND", "ditto",
                "PARKOPS_DITTO_URL", "ws://ditto:ditto@127.0.0.1:8080")).twinBackend()).isEqualTo("ditto");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_TWIN_BACKEND", "mongo")))
                .hasMessageContaining("'embedded' or 'ditto'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_TWIN_COMMIT_INTERVAL_MS", "0")))
                .hasMessageContaining("twinCommitIntervalMs");
        assertThat(ConfigLoader.load(null, Map.of()).twinCommitIntervalMs()).isEqualTo(1000);
        assertThat(ConfigLoader.load(null, Map.of()).alertsKeepCleared()).isEqualTo(10_000);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_ALERTS_KEEP_CLEARED", "-1")))
                .hasMessageContaining("alertsKeepCleared");
    }

    @Test
    void flowAndWriterTuningHaveDefaultsAndNamedErrors() {
        FlowTuning flow = ConfigLoader.load(null, Map.of()).flow();
        assertThat(flow.spoolMaxBytes()).isEqualTo(1L << 30);
        assertThat(flow.influxBatchSize()).isEqualTo(5000);
        assertThat(flow.influxFlushIntervalMs()).isEqualTo(1000);
        assertThat(flow.deviceRate()).isEqualTo(10.0);
        assertThat(ConfigLoader.load(null, Map.of("PARKOPS_SPOOL_MAX_BYTES", "5000000000")).flow().spoolMaxBytes())
                .isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_SPOOL_MAX_BYTES", "1000")))
                .hasMessageContaining("PARKOPS_SPOOL_MAX_BYTES").hasMessageContaining("64 KiB");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_INFLUX_BATCH_SIZE", "9000", "PARKOPS_INFLUX_MAX_QUEUED_POINTS", "100")))
                .hasMessageContaining("PARKOPS_INFLUX_MAX_QUEUED_POINTS");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_DEVICE_RATE", "fast")))
                .hasMessageContaining("PARKOPS_DEVICE_RATE");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_MQTT_RECEIVE_MAXIMUM", "0")))
                .hasMessageContaining("PARKOPS_MQTT_RECEIVE_MAXIMUM");
    }

    @Test
    void withoutAKafkaBootstrapTheNodeIsSingle() {
        assertThat(ConfigLoader.load(null, Map.of("PARKOPS_KAFKA_PARTITIONS", "6")).cluster()).isEmpty();
    }

    @Test
    void aKafkaBootstrapMakesAClusterNodeWithTheDefaults() {
        ClusterConfig c = ConfigLoader.load(null, Map.of("PARKOPS_KAFKA_BOOTSTRAP", "k1:9092,k2:9092",
                "PARKOPS_DATA_DIR", dir.toString())).cluster().orElseThrow();
        assertThat(c.bootstrap()).isEqualTo("k1:9092,k2:9092");
        assertThat(c.topicPrefix()).isEqualTo("parkops.");
        assertThat(c.telemetryTopic()).isEqualTo("parkops.telemetry");
        assertThat(c.influxWriterGroup()).isEqualTo("parkops.influx-writer");
        assertThat(c.partitions()).isEqualTo(12);
        assertThat(c.replication()).isEqualTo(ClusterConfig.REPLICATION_AUTO);
        assertThat(c.replicationFor(1)).isEqualTo(1);
        assertThat(c.replicationFor(2)).isEqualTo(2);
        assertThat(c.replicationFor(5)).isEqualTo(3);
        assertThat(c.ackTimeout()).hasSeconds(20);
        assertThat(c.nodeId()).as("derived: stable for one data dir, different for another")
                .isEqualTo(ConfigLoader.load(null, Map.of("PARKOPS_KAFKA_BOOTSTRAP", "k1:9092", "PARKOPS_DATA_DIR",
                        dir.toString())).cluster().orElseThrow().nodeId())
                .isNotEqualTo(ConfigLoader.load(null, Map.of("PARKOPS_KAFKA_BOOTSTRAP", "k1:9092", "PARKOPS_DATA_DIR",
                        dir.resolve("other").toString())).cluster().orElseThrow().nodeId())
                .matches("[A-Za-z0-9][A-Za-z0-9._-]*");
    }

    @Test
    void clusterSettingsAreReadFromTheFileAndTheEnvironment() throws Exception {
        Path file = dir.resolve("parkops.yaml");
        Files.writeString(file, "kafkaBootstrap: kafka:9092\nkafkaPartitions: 24\nkafkaReplication: 2\n");
        ClusterConfig c = ConfigLoader.load(file, Map.of("PARKOPS_NODE_ID", "node-a", "PARKOPS_KAFKA_TOPIC_PREFIX", "estate.",
                "PARKOPS_KAFKA_ACK_TIMEOUT_MS", "5000")).cluster().orElseThrow();
        assertThat(c.nodeId()).isEqualTo("node-a");
        assertThat(c.partitions()).isEqualTo(24);
        assertThat(c.replicationFor(5)).isEqualTo(2);
        assertThat(c.telemetryTopic()).isEqualTo("estate.telemetry");
        assertThat(c.ackTimeout()).hasMillis(5000);
    }

    @Test
    void aBadClusterSettingNamesItsKey() {
        Map<String, String> cluster = Map.of("PARKOPS_KAFKA_BOOTSTRAP", "kafka:9092");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKOPS_KAFKA_BOOTSTRAP", "kafka")))
                .hasMessageContaining("PARKOPS_KAFKA_BOOTSTRAP").hasMessageContaining("host:port");
        assertThatThrownBy(() -> ConfigLoader.load(null, with(cluster, "PARKOPS_KAFKA_PARTITIONS", "0")))
                .hasMessageContaining("PARKOPS_KAFKA_PARTITIONS").hasMessageContaining("1..10000");
        assertThatThrownBy(() -> ConfigLoader.load(null, with(cluster, "PARKOPS_KAFKA_REPLICATION", "all")))
                .hasMessageContaining("PARKOPS_KAFKA_REPLICATION");
        assertThatThrownBy(() -> ConfigLoader.load(null, with(cluster, "PARKOPS_KAFKA_REPLICATION", "0")))
                .hasMessageContaining("PARKOPS_KAFKA_REPLICATION").hasMessageContaining("auto or at least 1");
        assertThatThrownBy(() -> ConfigLoader.load(null, with(cluster, "PARKOPS_NODE_ID", "node a")))
                .hasMessageContaining("PARKOPS_NODE_ID");
        assertThatThrownBy(() -> ConfigLoader.load(null, with(cluster, "PARKOPS_KAFKA_TOPIC_PREFIX", "park/ops")))
                .hasMessageContaining("PARKOPS_KAFKA_TOPIC_PREFIX");
        assertThatThrownBy(() -> ConfigLoader.load(null, with(cluster, "PARKOPS_KAFKA_ACK_TIMEOUT_MS", "10")))
                .hasMessageContaining("PARKOPS_KAFKA_ACK_TIMEOUT_MS").hasMessageContaining("1000..300000");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put(key, value);
        return env;
    }

    @Test
    void describesEveryKeyWithItsVariable() {
        String table = ConfigLoader.describe();
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(table).contains(key.envName()).contains(key.fileKey());
        }
    }
}
