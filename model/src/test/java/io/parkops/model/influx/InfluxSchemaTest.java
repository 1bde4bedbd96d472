package io.parkops.model.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.ThingId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pins every name to ARCHITECTURE.md §3 "InfluxDB schema". Dashboards and scripts outside the code
 * query these names: if this test fails, a rename has broken the external contract.
 */
class InfluxSchemaTest {

    @Test
    void telemetryTagsAreTheContractsNames() {
        assertThat(InfluxSchema.IDENTITY_TAGS).containsExactly("tenant", "thing", "type");
        assertThat(InfluxSchema.PLACEMENT_TAGS).containsExactly("building", "floor", "zone");
        assertThat(InfluxSchema.TELEMETRY_TAGS).containsExactly("tenant", "thing", "type", "building", "floor", "zone");
    }

    @Test
    void alertsMeasurementTagsAndFieldsAreTheContractsNames() {
        assertThat(InfluxSchema.ALERTS).isEqualTo("alerts");
        assertThat(new String[] {InfluxSchema.TENANT, InfluxSchema.THING, InfluxSchema.RULE, InfluxSchema.SEVERITY})
                .containsExactly("tenant", "thing", "rule", "severity");
        assertThat(new String[] {InfluxSchema.STATE, InfluxSchema.VALUE, InfluxSchema.THRESHOLD, InfluxSchema.MESSAGE})
                .containsExactly("state", "value", "threshold", "message");
    }

    @Test
    void measurementIsTheFeatureAndTimeIsInMilliseconds() {
        assertThat(InfluxSchema.measurement("environment")).isEqualTo("environment");
        assertThat(InfluxSchema.PRECISION).isEqualTo(TimeUnit.MILLISECONDS);
    }

    @Test
    void thingTagIsTheDittoThingIdBothWays() {
        ThingId id = ThingId.of("north-park", "ont-1");
        assertThat(InfluxSchema.thingTag(id)).isEqualTo("north.park:ont-1");
        assertThat(InfluxSchema.thingOf("north.park:ont-1")).isEqualTo(id);
    }
}
