package io.parkops.adapters.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The device types the platform knows. Readers see an immutable snapshot, so decoding on any
 * thread never races with a type being replaced.
 */
public final class DeviceTypeCatalog implements DeviceTypes {

    private static final String BUILTIN_DIR = "device-types/";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private volatile Map<String, DeviceType> types;

    private DeviceTypeCatalog(Map<String, DeviceType> types) {
        this.types = Map.copyOf(types);
    }

    /** The eight built-in types of the contract, from the jar. */
    public static DeviceTypeCatalog builtin() {
        Map<String, DeviceType> types = new TreeMap<>();
        for (String id : readResource(BUILTIN_DIR + "index.txt").lines().map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            String source = BUILTIN_DIR + id + ".json";
            DeviceType type = parse(readResource(source).getBytes(StandardCharsets.UTF_8), source);
            types.put(type.id(), type);
        }
        return new DeviceTypeCatalog(types);
    }

    @Override
    public Optional<DeviceType> find(String typeId) {
        return Optional.ofNullable(types.get(typeId));
    }

    public Collection<DeviceType> all() {
        return types.values();
    }

    public String knownIds() {
        return types.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    /** Adds or replaces a type as a whole. */
    public synchronized void put(DeviceType type) {
        Map<String, DeviceType> next = new TreeMap<>(types);
        next.put(type.id(), type);
        types = Map.copyOf(next);
    }

    /**
     * Parses one definition; the error names the source and the field that is wrong, so an
     * integrator can fix the file without reading our code.
     */
    public static DeviceType parse(byte[] json, String source) {
        try {
            return MAPPER.readValue(json, DeviceType.class);
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
            throw new InvalidDeviceTypeException(source + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static String readResource(String name) {
        try (InputStream in = DeviceTypeCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A definition that cannot be used; the message names the source and the field. */
    public static final class InvalidDeviceTypeException extends IllegalArgumentException {
        public InvalidDeviceTypeException(String message) {
            super(message);
        }
    }
}
