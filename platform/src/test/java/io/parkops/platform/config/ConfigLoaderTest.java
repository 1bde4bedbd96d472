package io.parkops.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void describesEveryKeyWithItsVariable() {
        String table = ConfigLoader.describe();
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(table).contains(key.envName()).contains(key.fileKey());
        }
    }
}
