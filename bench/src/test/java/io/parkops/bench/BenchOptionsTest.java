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

    @Test
    void clusterModeHasItsOwnStepsAndTheNoteStaysOutOfTheCommandShown() {
        BenchOptions o = BenchOptions.parse(new String[] {"--cluster", "--quick", "--note", "busy machine", "--mqtt-endpoint", "vertx"});
        assertThat(o.cluster()).isTrue();
        assertThat(o.clusterSteps()).startsWith(1000).endsWith(12000);
        assertThat(BenchOptions.parse(new String[] {"--cluster"}).clusterSteps()).endsWith(16000);
        assertThat(BenchOptions.parse(new String[0]).cluster()).isFalse();
        assertThat(o.shownCommandLine()).isEqualTo(" --cluster --quick --note … --mqtt-endpoint vertx");
    }
}
