package io.parkops.adapters.codec.senml;

import java.util.Map;

/**
 * Converts a SenML unit (RFC 8428 / RFC 8798 registry symbols) into the unit a property declares,
 * only where the conversion is exact: a decimal prefix or a different spelling of the same unit.
 * Anything else (e.g. {@code K} into °C, {@code lon} into kW) is refused, never guessed.
 */
public final class Units {

    /** Property units as people write them, to the SenML symbol of the same unit. */
    private static final Map<String, String> SENML_SPELLING = Map.of(
            "°C", "Cel", "µg/m³", "ug/m3", "W/m²", "W/m2", "°", "deg", "m³", "m3", "m³/h", "m3/h");

    /** (from SenML symbol) -> (to SenML symbol) -> factor. */
    private static final Map<String, Map<String, Double>> FACTORS = Map.of(
            "W", Map.of("kW", 1e-3, "MW", 1e-6),
            "kW", Map.of("W", 1e3, "MW", 1e-3),
            "Wh", Map.of("kWh", 1e-3, "MWh", 1e-6),
            "kWh", Map.of("Wh", 1e3, "MWh", 1e-3),
            "var", Map.of("kvar", 1e-3),
            "kvar", Map.of("var", 1e3),
            "Pa", Map.of("hPa", 1e-2, "kPa", 1e-3),
            "hPa", Map.of("Pa", 1e2),
            "mV", Map.of("V", 1e-3),
            "mA", Map.of("A", 1e-3));

    private Units() {
    }

    /** The SenML symbol of a property unit ({@code °C} is {@code Cel}). */
    public static String senmlSymbol(String propertyUnit) {
        return propertyUnit == null ? null : SENML_SPELLING.getOrDefault(propertyUnit, propertyUnit);
    }

    /** Scales without the rounding noise of multiplying by 0.001 (1500 W is 1.5 kW, not 1.5000000000000002). */
    public static double apply(double value, double factor) {
        return factor < 1 ? value / Math.rint(1 / factor) : value * factor;
    }

    /**
     * The factor that turns a value in {@code senmlUnit} into {@code propertyUnit}, or {@code null}
     * when there is no exact conversion. No SenML unit, or a property without unit, means 1.
     */
    public static Double factor(String senmlUnit, String propertyUnit) {
        if (senmlUnit == null || propertyUnit == null) {
            return 1.0;
        }
        String to = senmlSymbol(propertyUnit);
        if (senmlUnit.equals(to)) {
            return 1.0;
        }
        return FACTORS.getOrDefault(senmlUnit, Map.of()).get(to);
    }
}
