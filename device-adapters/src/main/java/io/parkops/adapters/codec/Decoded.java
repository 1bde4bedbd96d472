package io.parkops.adapters.codec;

import java.util.List;
import java.util.Map;

/**
 * The outcome of decoding one message: the values per feature, the time, and the values that were
 * dropped with the reason for each.
 */
public record Decoded(long timestamp, Map<String, Map<String, Object>> features, List<String> dropped) {
}
