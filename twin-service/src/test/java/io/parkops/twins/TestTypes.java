package io.parkops.twins;

import io.parkops.model.CommandType;
import io.parkops.model.DataType;
import io.parkops.model.Device;
import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import io.parkops.model.FeatureType;
import io.parkops.model.PropertyType;
import io.parkops.model.ThingId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The two device types the twin tests use, declared as the built-in catalog declares them. */
public final class TestTypes {

    public static final DeviceType HVAC = new DeviceType("hvac-loop", "1.0.0", "HVAC loop", 10, Map.of("loop",
            new FeatureType(Map.of(
                    "processValue", new PropertyType(DataType.NUMBER, "°C", -40.0, 120.0, "measured value"),
                    "setpoint", new PropertyType(DataType.NUMBER, "°C", -40.0, 120.0, "setpoint"),
                    "output", new PropertyType(DataType.NUMBER, "%", 0.0, 100.0, "output"),
                    "mode", new PropertyType(DataType.STRING, null, null, null, "auto/manual/off")))),
            List.of(new CommandType("setSetpoint", "loop", "setpoint",
                    new PropertyType(DataType.NUMBER, "°C", 5.0, 90.0, "new setpoint"), "change the setpoint")),
            null, null);
    public static final DeviceType IAQ = new DeviceType("iaq-sensor", "1.0.0", "IAQ", 30, Map.of("environment",
            new FeatureType(Map.of(
                    "temperature", new PropertyType(DataType.NUMBER, "°C", -40.0, 85.0, "temperature"),
                    "co2", new PropertyType(DataType.NUMBER, "ppm", 0.0, 10000.0, "co2")))));

    public static final DeviceTypes TYPES = id -> Optional.ofNullable(Map.of(HVAC.id(), HVAC, IAQ.id(), IAQ).get(id));

    private TestTypes() {
    }

    public static Device hvac(String tenant, String deviceId, String building) {
        return new Device(ThingId.of(tenant, deviceId), HVAC.id(), Map.of(Device.BUILDING, building));
    }

    public static Device iaq(String tenant, String deviceId, String building) {
        return new Device(ThingId.of(tenant, deviceId), IAQ.id(), Map.of(Device.BUILDING, building));
    }
}
