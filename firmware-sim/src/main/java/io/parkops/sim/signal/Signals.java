package io.parkops.sim.signal;

import java.util.List;

/** Creates the signal for a built-in device type id (see ARCHITECTURE "Built-in device types"). */
public final class Signals {

    /** Every type id this simulator knows, in the order devices are laid out. */
    public static final List<String> TYPE_IDS = List.of("iaq-sensor", "energy-meter", "weather-station",
            "pv-inverter", "leak-sensor", "ont", "hvac-loop", "drone-pad");

    private Signals() {
    }

    public static DeviceSignal create(String typeId, SignalContext context) {
        return switch (typeId) {
            case "iaq-sensor" -> new IaqSensorSignal(context);
            case "energy-meter" -> new EnergyMeterSignal(context);
            case "weather-station" -> new WeatherStationSignal(context);
            case "pv-inverter" -> new PvInverterSignal(context);
            case "leak-sensor" -> new LeakSensorSignal(context);
            case "ont" -> new OntSignal(context);
            case "hvac-loop" -> new HvacLoopSignal(context);
            case "drone-pad" -> new DronePadSignal(context);
            default -> throw new IllegalArgumentException("type '" + typeId + "' is not simulated; use one of " + TYPE_IDS);
        };
    }
}
