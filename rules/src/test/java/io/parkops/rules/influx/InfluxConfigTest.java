package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InfluxConfigTest {

    @Test
    void defaults() {
        InfluxConfig config = InfluxConfig.defaults();
        assertThat(config.url()).isEqualTo("http://127.0.0.1:8086");
        assertThat(config.database()).isEqualTo("parkops");
        assertThat(config.batchSize()).isEqualTo(5000);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxQueuedPoints()).isEqualTo(200_000);
    }

    @Test
    void trailingSlashIsDropped() {
        assertThat(InfluxConfig.of("https://influx.example:8086/", "db").url()).isEqualTo("https://influx.example:8086");
    }

    @Test
    void badUrlNamesTheKey() {
        assertThatThrownBy(() -> InfluxConfig.of("127.0.0.1:8086", "parkops")).hasMessageStartingWith("PARKOPS_INFLUX_URL");
        assertThatThrownBy(() -> InfluxConfig.of(null, "parkops")).hasMessageStartingWith("PARKOPS_INFLUX_URL is required");
        assertThatThrownBy(() -> InfluxConfig.of("http://bad host", "parkops")).hasMessageStartingWith("PARKOPS_INFLUX_URL");
    }

    @Test
    void badDatabaseNamesTheKey() {
        assertThatThrownBy(() -> InfluxConfig.of("http://h:1", "my db")).hasMessageStartingWith("PARKOPS_INFLUX_DB");
        assertThatThrownBy(() -> InfluxConfig.of("http://h:1", "")).hasMessageStartingWith("PARKOPS_INFLUX_DB");
    }

    @Test
    void badTuningNamesTheKey() {
        InfluxConfig ok = InfluxConfig.defaults();
        assertThatThrownBy(() -> ok.withBatching(0, Duration.ofSeconds(1), 10)).hasMessageStartingWith("PARKOPS_INFLUX_BATCH_SIZE");
        assertThatThrownBy(() -> ok.withBatching(10, Duration.ZERO, 10)).hasMessageStartingWith("PARKOPS_INFLUX_FLUSH_INTERVAL");
        assertThatThrownBy(() -> ok.withBatching(10, Duration.ofSeconds(1), 5))
                .hasMessageStartingWith("PARKOPS_INFLUX_MAX_QUEUED_POINTS");
    }
}
