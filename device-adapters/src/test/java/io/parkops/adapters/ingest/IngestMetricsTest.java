package io.parkops.adapters.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.model.Transport;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    @Test
    void aMessageGivenUpIsCountedByTransport() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry);
        metrics.givenUp(Transport.MQTT);
        metrics.givenUp(Transport.MQTT);
        assertThat(registry.find("parkops.messages.given.up").tag("transport", Transport.MQTT.label()).counter())
                .isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(2.0));
        assertThat(registry.find("parkops.messages.given.up").tag("transport", Transport.COAP.label()).counter())
                .as("nothing given up over CoAP").isNull();
    }
}
