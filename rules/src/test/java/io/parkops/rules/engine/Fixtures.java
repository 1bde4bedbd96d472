package io.parkops.rules.engine;

import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import java.util.Map;

/** Devices, rules and changes shared by the engine tests. */
final class Fixtures {

    static final ThresholdRule CO2_HIGH = new ThresholdRule("iaq-co2-high", null, "iaq-sensor", "environment", "co2",
            Operator.ABOVE, 1000, Severity.WARNING, "CO2 above 1000 ppm: ventilate the zone");
    static final ThresholdRule VOLTAGE_LOW = new ThresholdRule("energy-voltage-low", null, "energy-meter", "energy",
            "voltageL1", Operator.BELOW, 207, Severity.MAJOR, "Phase L1 voltage below 207 V");

    private Fixtures() {
    }

    static Device iaq(String tenant, String deviceId) {
        return new Device(ThingId.of(tenant, deviceId), "iaq-sensor", Map.of("building", "b1"));
    }

    static Device meter(String tenant, String deviceId) {
        return new Device(ThingId.of(tenant, deviceId), "energy-meter", Map.of());
    }

    static TwinChange change(Device device, String feature, String property, Object value, long ts) {
        return new TwinChange(device, 1, ts, Map.of(feature, Map.of(property, value)));
    }

    static RuleOutcome outcome(ThresholdRule rule, Device device, double value) {
        return new RuleOutcome(rule, device, value, rule.isBreachedBy(value), 0);
    }
}
