package io.parkops.adapters.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.parkops.adapters.catalog.DeviceTypeCatalog.InvalidDeviceTypeException;
import io.parkops.model.DeviceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** Reads and writes device-type definitions (JSON or YAML) with errors that name source and field. */
public final class DeviceTypeParser {

    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final ObjectMapper YAML = configure(new YAMLMapper());

    private DeviceTypeParser() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    }

    public static DeviceType parse(byte[] bytes, String source, boolean yaml) {
        try {
            return (yaml ? YAML : JSON).readValue(bytes, DeviceType.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InvalidDeviceTypeException(source + ": " + where(e) + cause.getMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidDeviceTypeException(source + ": unknown field '" + e.getPropertyName() + "' at " + path(e));
        } catch (MismatchedInputException e) {
            throw new InvalidDeviceTypeException(source + ": field " + path(e) + " has the wrong kind of value");
        } catch (JsonMappingException e) {
            throw new InvalidDeviceTypeException(source + ": " + where(e) + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidDeviceTypeException(source + ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition as JSON, in the same format {@link #parse} reads. */
    public static byte[] toJson(DeviceType type) {
        try {
            return JSON.writeValueAsBytes(type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("device type " + type.id() + " cannot be written as JSON", e);
        }
    }

    private static String where(JsonMappingException e) {
        String path = path(e);
        return path.isEmpty() ? "" : "at " + path + ": ";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
