package io.parkops.model;

/** Alert severities, mildest first. */
public enum Severity {
    WARNING, MAJOR, CRITICAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
