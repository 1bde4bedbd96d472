package io.parkops.sim;

import java.util.List;
import java.util.Map;

/** The property names of ARCHITECTURE.md "Built-in device types", copied here on purpose so tests check the code against the contract. */
public final class ContractProperties {

    public static final Map<String, List<String>> BY_TYPE = Map.of(
            "energy-meter", List.of("activePower", "activeEnergyImport", "reactivePower", "powerFactor",
                    "voltageL1", "voltageL2", "voltageL3", "currentL1", "currentL2", "currentL3", "frequency"),
            "iaq-sensor", List.of("temperature", "humidity", "co2", "pm25", "tvoc", "illuminance", "occupancy"),
            "weather-station", List.of("windSpeed", "windGust", "windDirection", "temperature", "humidity",
                    "pressure", "irradiance", "rainRate"),
            "pv-inverter", List.of("acPower", "dcVoltage", "dailyYield", "totalYield", "inverterTemp", "status"),
            "leak-sensor", List.of("wet", "battery"),
            "ont", List.of("rxPower", "txPower", "temperature", "voltage", "biasCurrent", "linkUp", "bitErrors"),
            "hvac-loop", List.of("processValue", "setpoint", "output", "mode"),
            "drone-pad", List.of("occupied", "doorOpen", "chargerPower"));

    private ContractProperties() {
    }
}
