package io.parkops.adapters.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.parkops.model.DeviceType;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the contract's JSON object payload, {@code {"ts": <epoch ms>, "<property>": value, ...}},
 * onto the features of a device type. Streams the bytes once (no tree), so a message costs a few
 * small maps and nothing else.
 *
 * <p>Rules: the payload must be one JSON object of scalar values. Fields the type does not know
 * are ignored (devices often send extras), but a payload with no known property is refused. A
 * value of the wrong kind, or a number outside the property's plausible range, is dropped on its
 * own and reported; the rest of the message is kept.
 */
public final class JsonTelemetryDecoder {

    /** Device clocks more than this far in the future are not trusted. */
    static final long MAX_FUTURE_SKEW_MS = 5 * 60_000L;
    /** Older device timestamps than this are taken for a clock that was never set. */
    static final long MAX_PAST_MS = 365L * 24 * 3600_000L;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096).build())
            .build();

    /** The outcome of a decode: the values per feature, the time, and what was dropped and why. */
    public record Decoded(long timestamp, Map<String, Map<String, Object>> features, List<String> dropped) {
    }

    public Decoded decode(DeviceType type, byte[] payload, long now) {
        try (JsonParser p = FACTORY.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw malformed("payload must be a JSON object like {\"temperature\":22.5}, got "
                        + (first == null ? "nothing" : describe(first)));
            }
            Decoded decoded = readObject(type, p, now);
            if (p.nextToken() != null) {
                throw malformed("payload has content after the JSON object");
            }
            return decoded;
        } catch (JsonProcessingException e) {
            throw malformed("payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("payload cannot be read: " + e.getMessage());
        }
    }

    private Decoded readObject(DeviceType type, JsonParser p, long now) throws IOException {
        Map<String, Map<String, Object>> features = new HashMap<>(4);
        List<String> dropped = new ArrayList<>(0);
        long timestamp = now;
        int unknown = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                throw malformed("field '" + field + "' must be a number, boolean or string, not " + describe(value));
            }
            if ("ts".equals(field)) {
                timestamp = deviceTime(p, value, now);
                continue;
            }
            DeviceType.PropertyRef ref = type.propertyForField(field);
            if (ref == null) {
                unknown++;
                continue;
            }
            Object v = PropertyValues.read(ref.type(), p, value);
            if (v instanceof PropertyValues.Problem problem) {
                dropped.add(field + ": " + problem.text());
                continue;
            }
            features.computeIfAbsent(ref.feature(), f -> new LinkedHashMap<>()).put(ref.property(), v);
        }
        if (features.isEmpty()) {
            throw malformed(dropped.isEmpty()
                    ? "payload has no property of type '" + type.id() + "'" + (unknown > 0 ? " (" + unknown + " unknown fields)" : "")
                    : "no usable value: " + String.join("; ", dropped));
        }
        return new Decoded(timestamp, features, dropped);
    }

    private static long deviceTime(JsonParser p, JsonToken value, long now) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw malformed("field 'ts' must be epoch milliseconds as an integer");
        }
        long ts = p.getLongValue();
        // An unset or drifting device clock must not put points years away; fall back to ingest time.
        return ts > now + MAX_FUTURE_SKEW_MS || ts < now - MAX_PAST_MS ? now : ts;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static RejectedException malformed(String message) {
        return new RejectedException(Rejection.MALFORMED, message);
    }
}
