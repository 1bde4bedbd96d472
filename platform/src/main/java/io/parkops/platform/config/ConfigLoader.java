package io.parkops.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the configuration: defaults, then the config file ({@code --config FILE}, YAML or JSON,
 * flat keys as in {@link ConfigKey#fileKey()}), then {@code PARKOPS_*} environment variables.
 * Unknown keys in the file are refused, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static PlatformConfig load(Path file, Map<String, String> env) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (key.defaultValue() != null) {
                values.put(key, key.defaultValue());
            }
        }
        if (file != null) {
            values.putAll(readFile(file));
        }
        for (ConfigKey key : ConfigKey.values()) {
            String v = env.get(key.envName());
            if (v != null && !v.isBlank()) {
                values.put(key, v.trim());
            }
        }
        return PlatformConfig.from(values);
    }

    private static Map<ConfigKey, String> readFile(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        if (root == null || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a map of settings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ConfigKey key = Stream.of(ConfigKey.values()).filter(k -> k.fileKey().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new ConfigException("config file " + file + ": unknown key '" + e.getKey()
                            + "' (known: " + Stream.of(ConfigKey.values()).map(ConfigKey::fileKey).collect(Collectors.joining(", ")) + ")"));
            if (!e.getValue().isNull()) {
                if (!e.getValue().isValueNode()) {
                    throw new ConfigException("config file " + file + ": '" + e.getKey() + "' must be a single value");
                }
                values.put(key, e.getValue().asText());
            }
        }
        return values;
    }

    /** The configuration table, for {@code parkops config} and the README. */
    public static String describe() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %-34s %-24s %s%n", "file key", "environment variable", "default", "meaning"));
        for (ConfigKey key : ConfigKey.values()) {
            out.append(String.format("%-28s %-34s %-24s %s%n", key.fileKey(), key.envName(),
                    key.defaultValue() == null ? "(unset)" : key.defaultValue(), key.description()));
        }
        return out.toString();
    }
}
