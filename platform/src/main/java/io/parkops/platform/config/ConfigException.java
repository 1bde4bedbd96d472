package io.parkops.platform.config;

/** A setting that cannot be used; the message names the file key and the environment variable. */
public final class ConfigException extends IllegalArgumentException {

    public ConfigException(ConfigKey key, String value, String problem) {
        super("config '" + key.fileKey() + "' (" + key.envName() + ") = '" + value + "' " + problem);
    }

    public ConfigException(String message) {
        super(message);
    }
}
