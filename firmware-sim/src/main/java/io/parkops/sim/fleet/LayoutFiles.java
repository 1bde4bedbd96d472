package io.parkops.sim.fleet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads park layout files (YAML, or JSON when the name ends in {@code .json}). A mistake is an
 * {@link IllegalArgumentException} naming the file, the line and the field path, e.g.
 * {@code park.yaml near line 14: sites[0].buildings[1].floors[0].zones[2]: unknown device type 'iaq'}.
 */
public final class LayoutFiles {

    /** The built-in parks, one resource file per lead tenant. */
    static final List<String> DEFAULTS = List.of("nanan", "xinshengli");

    private static final ObjectMapper YAML = configure(new YAMLMapper());
    private static final ObjectMapper JSON = configure(new JsonMapper());

    private LayoutFiles() {
    }

    /** Both lead parks as today's demo shows them: two devices of every built-in type each. */
    public static FleetLayout defaults() {
        return FleetLayout.merge(DEFAULTS.stream().map(LayoutFiles::resource).toList());
    }

    /**
     * What {@code --layout VALUE} names: the built-in {@value Estate#NAME} (the lead parks and 18
     * generated ones), else a layout file. A file called {@code estate} is reached as {@code ./estate}.
     */
    public static FleetLayout named(String value) {
        return Estate.NAME.equals(value) ? Estate.layout() : read(Path.of(value));
    }

    public static FleetLayout read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("layout file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    static FleetLayout parse(byte[] bytes, String source) {
        boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new IllegalArgumentException(source + ": the file is empty; it needs a 'sites' list");
        }
        try {
            FleetLayout layout = (json ? JSON : YAML).readValue(bytes, FleetLayout.class);
            if (layout == null) {
                throw new IllegalArgumentException(source + ": the file is empty; it needs a 'sites' list");
            }
            return layout;
        } catch (JsonMappingException e) {
            boolean refusedByRecord = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException;
            // a record refusing a value is noticed where its object ends, hence "near"
            throw new IllegalArgumentException(source + (refusedByRecord ? " near" : "") + where(e.getLocation()) + path(e) + reason(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + where(e.getLocation()) + ": not valid " + (json ? "JSON" : "YAML")
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FleetLayout resource(String tenant) {
        String name = "/io/parkops/sim/layouts/" + tenant + ".yaml";
        try (InputStream in = LayoutFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the module lacks its built-in layout " + name);
            }
            return parse(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " line " + location.getLineNr();
    }

    /** {@code sites[0].buildings[1].id}, the field the error is about. */
    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? ": " : ": " + (path.startsWith(".") ? path.substring(1) : path) + ": ";
    }

    /** Our own validation message when a record refused a value, else Jackson's first line. */
    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        int end = message.indexOf('\n');
        int jacksonDetail = message.indexOf(" (class ");
        end = jacksonDetail >= 0 && (end < 0 || jacksonDetail < end) ? jacksonDetail : end;
        return end < 0 ? message : message.substring(0, end);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
