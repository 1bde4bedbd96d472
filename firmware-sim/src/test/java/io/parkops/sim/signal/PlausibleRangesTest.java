package io.parkops.sim.signal;

import static io.parkops.sim.signal.SignalFixture.SUMMER_MORNING;
import static io.parkops.sim.signal.SignalFixture.number;
import static io.parkops.sim.signal.SignalFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two days of one-minute samples, summer and winter, stay inside what the physical quantity allows. */
class PlausibleRangesTest {

    private static final long WINTER_MORNING = LocalDateTime.of(2025, 1, 13, 6, 0)
            .atZone(SignalFixture.PARK).toInstant().toEpochMilli();

    private static final Map<String, Map<String, double[]>> RANGES = Map.of(
            "iaq-sensor", Map.of("temperature", r(15, 32), "humidity", r(0, 100), "co2", r(400, 1600),
                    "pm25", r(0, 150), "tvoc", r(0, 2000), "illuminance", r(0, 2000)),
            "energy-meter", Map.of("activePower", r(0.1, 1000), "activeEnergyImport", r(1, 1e7), "reactivePower", r(0, 600),
                    "powerFactor", r(0.85, 0.99), "voltageL1", r(218, 242), "voltageL2", r(218, 242), "voltageL3", r(218, 242),
                    "currentL1", r(0, 2000), "frequency", r(49.9, 50.1)),
            "weather-station", Map.of("windSpeed", r(0, 15), "windGust", r(0, 25), "windDirection", r(0, 359),
                    "temperature", r(-10, 45), "humidity", r(0, 100), "pressure", r(980, 1040),
                    "irradiance", r(0, 1200), "rainRate", r(0, 50)),
            "pv-inverter", Map.of("acPower", r(0, 250), "dcVoltage", r(0, 1000), "dailyYield", r(0, 3000),
                    "inverterTemp", r(-10, 90)),
            "leak-sensor", Map.of("battery", r(0, 100)),
            "ont", Map.of("rxPower", r(-28, -8), "txPower", r(2, 5), "temperature", r(0, 80), "voltage", r(3.1, 3.5),
                    "biasCurrent", r(2, 60), "bitErrors", r(0, 1000)),
            "hvac-loop", Map.of("processValue", r(10, 35), "setpoint", r(22, 22), "output", r(0, 100)),
            "drone-pad", Map.of("chargerPower", r(0, 4)));

    private static double[] r(double min, double max) {
        return new double[] {min, max};
    }

    static Stream<Arguments> typesAndSeasons() {
        return RANGES.keySet().stream().flatMap(type -> Stream.of(
                Arguments.of(type, SUMMER_MORNING), Arguments.of(type, WINTER_MORNING)));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("typesAndSeasons")
    void staysInsidePhysicalRanges(String type, long start) {
        for (long seed = 1; seed <= 3; seed++) {
            DeviceSignal signal = Signals.create(type, SignalFixture.context(seed, start, seed == 1));
            List<Map<String, Object>> samples = run(signal, start, 60_000, 2 * 24 * 60);
            RANGES.get(type).forEach((property, range) -> assertThat(samples)
                    .extracting(s -> number(s, property))
                    .as("%s.%s", type, property)
                    .allSatisfy(v -> assertThat(v).isBetween(range[0], range[1])));
        }
    }
}
