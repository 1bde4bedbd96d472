package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.Transport;
import io.parkops.model.TwinChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

class PointMapperTest {

    private static final Device PLACED = new Device(ThingId.of("north-park", "iaq-1"), "iaq-sensor",
            Map.of("building", "B2", "floor", "3", "zone", "east wing", "parent", "gw-1"));

    @Test
    void featureBecomesMeasurementWithContractTagsAndMsTime() {
        List<Point> points = PointMapper.points(new TwinChange(PLACED, 7, 1_700_000_000_123L,
                Map.of("environment", Map.of("co2", 640.0))));
        assertThat(points).singleElement().extracting(p -> p.lineProtocol(TimeUnit.MILLISECONDS)).isEqualTo(
                "environment,building=B2,floor=3,tenant=north-park,thing=north.park:iaq-1,type=iaq-sensor,"
                        + "zone=east\\ wing co2=640.0 1700000000123");
    }

    /** The cluster's writer maps messages read from Kafka, the node's writer twin changes: one point either way. */
    @Test
    void aMessageGivesThePointsOfTheTwinChangeItCauses() {
        Map<String, Map<String, Object>> features = Map.of("environment", Map.of("co2", 640.0, "occupancy", true));
        Telemetry message = new Telemetry(PLACED, Channel.TELEMETRY, Transport.MQTT, 1_700_000_000_123L, 1_700_000_000_200L, features);
        assertThat(PointMapper.points(message)).extracting(Point::lineProtocol).isEqualTo(PointMapper.points(
                new TwinChange(PLACED, 7, 1_700_000_000_123L, features)).stream().map(Point::lineProtocol).toList());
    }

    @Test
    void placementTagsOnlyWhenTheDeviceHasThem() {
        Device bare = new Device(ThingId.of("nanan", "m1"), "energy-meter", Map.of("building", " "));
        Point point = PointMapper.points(new TwinChange(bare, 1, 5, Map.of("energy", Map.of("voltageL1", 231.5)))).get(0);
        assertThat(point.lineProtocol(TimeUnit.MILLISECONDS))
                .isEqualTo("energy,tenant=nanan,thing=nanan:m1,type=energy-meter voltageL1=231.5 5");
    }

    @Test
    void numbersAreFloatsBooleansAndStringsKeepTheirType() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("count", 3);
        props.put("occupancy", true);
        props.put("mode", "auto");
        props.put("broken", Double.NaN);
        Point point = PointMapper.points(new TwinChange(PLACED, 1, 5, Map.of("loop", props))).get(0);
        assertThat(point.lineProtocol(TimeUnit.MILLISECONDS))
                .contains(" count=3.0,mode=\"auto\",occupancy=true 5")
                .doesNotContain("broken");
    }

    @Test
    void oneFeaturePerPointAndNoPointWithoutValues() {
        Map<String, Map<String, Object>> features = Map.of("environment", Map.of("co2", 500.0),
                "pad", Map.of("doorOpen", false), "empty", Map.of("x", Double.POSITIVE_INFINITY));
        List<Point> points = PointMapper.points(new TwinChange(PLACED, 1, 5, features));
        assertThat(points).extracting(p -> p.lineProtocol().split(",")[0]).containsExactlyInAnyOrder("environment", "pad");
    }

    @Test
    void alertPoint() {
        Alert alert = new Alert("a1", PLACED, "iaq-co2-high", Severity.WARNING, AlertState.CLEARED_UNACK, 800, 1000,
                "CO2 above 1000 ppm", 1000, 2_000_000_000_000L, null, null);
        assertThat(PointMapper.point(alert).lineProtocol(TimeUnit.MILLISECONDS)).isEqualTo(
                "alerts,rule=iaq-co2-high,severity=warning,tenant=north-park,thing=north.park:iaq-1 "
                        + "message=\"CO2 above 1000 ppm\",state=\"CLEARED_UNACK\",threshold=1000.0,value=800.0 2000000000000");
    }
}
