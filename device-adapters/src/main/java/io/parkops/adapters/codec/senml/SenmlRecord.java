package io.parkops.adapters.codec.senml;

/**
 * One resolved SenML record (RFC 8428 §4.6): base name, time, unit, value and sum already applied.
 * Exactly one of the values is set, or only the sum.
 *
 * @param name        full name (base name + name)
 * @param time        absolute time in seconds since the epoch
 * @param unit        unit symbol from the SenML registry, or null
 * @param value       numeric value, or null
 * @param stringValue string value, or null
 * @param boolValue   boolean value, or null
 * @param dataValue   base64url data value, or null
 * @param sum         integrated sum, or null
 */
public record SenmlRecord(String name, double time, String unit, Double value, String stringValue, Boolean boolValue,
                          String dataValue, Double sum) {
}
