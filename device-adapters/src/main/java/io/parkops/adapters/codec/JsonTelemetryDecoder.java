package io.parkops.adapters.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.parkops.model.DeviceType;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;
import java.io.IOException;
import java.util.Map;

/**
 * Decodes the contract's object payload, {@code {"ts": <epoch ms>, "<property>": value, ...}}, in
 * JSON (content format 50) or as a CBOR map (60), onto the features of a device type.
 *
 * <p>Without a {@code payloads.json} mapping the bytes are streamed once (no tree), field names
 * being property names. With a mapping, the object is read as a tree and each mapped property
 * is taken from its field or JSON pointer ({@code "/sensors/0/t"}).
 *
 * <p>Fields the type does not know are ignored (devices often send extras), but a payload with no
 * known property is refused. A value of the wrong kind or outside the plausible range is dropped
 * on its own and reported; the rest of the message is kept.
 */
public final class JsonTelemetryDecoder {

    /** Hostile-input limits: no device type has properties near these (see docs/operations.md). */
    static final int MAX_FIELDS = 256;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(8)
            .maxStringLength(4096).maxNameLength(256).maxNumberLength(100).build();

    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final String format;

    private JsonTelemetryDecoder(JsonFactory factory, String format) {
        this.factory = factory;
        this.mapper = new ObjectMapper(factory);
        this.format = format;
    }

    /** The JSON object decoder (content format 50). */
    public JsonTelemetryDecoder() {
        this(JsonFactory.builder().streamReadConstraints(LIMITS).build(), "JSON");
    }

    /** The same object payload as a CBOR map (content format 60). */
    public static JsonTelemetryDecoder cbor() {
        return new JsonTelemetryDecoder(CBORFactory.builder().streamReadConstraints(LIMITS).build(), "CBOR");
    }

    public Decoded decode(DeviceType type, byte[] payload, long now) {
        try (JsonParser p = factory.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw malformed("payload must be a " + format + " object like {\"temperature\":22.5}, got "
                        + (first == null ? "nothing" : describe(first)));
            }
            Decoded decoded = type.payloads().json().isEmpty() ? readObject(type, p, now) : readMapped(type, p, now);
            if (p.nextToken() != null) {
                throw malformed("payload has content after the " + format + " object");
            }
            return decoded;
        } catch (JsonProcessingException e) {
            throw malformed("payload is not valid " + format + ": " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedException r) {
                throw r;
            }
            throw malformed("payload cannot be read as " + format + ": " + e.getMessage());
        }
    }

    private Decoded readObject(DeviceType type, JsonParser p, long now) throws IOException {
        ValueCollector values = new ValueCollector(type);
        long timestamp = now;
        int fields = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (++fields > MAX_FIELDS) {
                throw tooManyFields();
            }
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                throw malformed("field '" + field + "' must be a number, boolean or string, not " + describe(value));
            }
            if ("ts".equals(field)) {
                timestamp = deviceTime(value == JsonToken.VALUE_NUMBER_INT, value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0, now);
                continue;
            }
            DeviceType.PropertyRef ref = type.propertyForField(field);
            if (ref != null) {
                values.offer(field, ref, scalar(p, value));
            }
        }
        return values.finish(timestamp);
    }

    private Decoded readMapped(DeviceType type, JsonParser p, long now) throws IOException {
        JsonNode root = mapper.readTree(p);
        if (root.size() > MAX_FIELDS) {
            throw tooManyFields();
        }
        ValueCollector values = new ValueCollector(type);
        Map<String, String> mapping = type.payloads().json();
        long timestamp = now;
        JsonNode ts = root.get("ts");
        if (ts != null) {
            timestamp = deviceTime(ts.isIntegralNumber(), ts.asLong(), now);
        }
        type.features().forEach((feature, f) -> f.properties().keySet().forEach(property -> {
            String source = mapping.getOrDefault(property, property);
            JsonNode node = source.startsWith("/") ? root.at(JsonPointer.compile(source)) : root.get(source);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return;
            }
            if (node.isContainerNode()) {
                values.drop(source, "must be a number, boolean or string");
                return;
            }
            values.offer(source, type.propertyForField(property), node.isNumber() ? (Object) node.doubleValue()
                    : node.isBoolean() ? (Object) node.booleanValue() : node.asText());
        }));
        return values.finish(timestamp);
    }

    private static Object scalar(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> p.getText();
            default -> null;
        };
    }

    private static long deviceTime(boolean integral, long ts, long now) {
        if (!integral) {
            throw malformed("field 'ts' must be epoch milliseconds as an integer");
        }
        return DeviceClock.saneOrNow(ts, now);
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

    private RejectedException tooManyFields() {
        return malformed("payload has more than " + MAX_FIELDS + " fields; a " + format + " object of one device's readings has far fewer");
    }

    private static RejectedException malformed(String message) {
        return new RejectedException(Rejection.MALFORMED, message);
    }
}
