package io.parkops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void quickModeShortensStepsAndConnections() {
        BenchOptions o = BenchOptions.parse(new String[] {"--quick"});
        assertThat(o.stepSeconds()).isEqualTo(6);
        assertThat(o.connections()).isEqualTo(2000);
        assertThat(o.steps()).startsWith(500).endsWith(16000);
    }

    @Test
    void durationAcceptsSecondsAndMinutes() {
        assertThat(BenchOptions.parse(new String[] {"--duration", "20s"}).stepSeconds()).isEqualTo(20);
        assertThat(BenchOptions.parse(new String[] {"--duration", "1m", "--connections", "50000"}).connections()).isEqualTo(50000);
    }

    @Test
    void unknownOptionsAreNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"})).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--duration"})).hasMessageContaining("--duration needs a value");
    }

    @Test
    void theEndpointUnderTestIsHandedToThePlatform() {
        assertThat(BenchOptions.parse(new String[] {"--mqtt-endpoint", "vertx"}).platformEnv())
                .containsEntry("PARKOPS_MQTT_ENDPOINT", "vertx");
        assertThat(BenchOptions.parse(new String[] {}).platformEnv()).isEmpty();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mqtt-endpoint", "mosquitto"}))
                .hasMessageContaining("hivemq or vertx");
    }
}
