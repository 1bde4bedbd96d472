package io.parkops.model;

/** The Hono-style channel a device used: periodic {@code telemetry} or a one-off {@code event}. */
public enum Channel {
    TELEMETRY("telemetry"), EVENT("event");

    private final String pathSegment;

    Channel(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    public String pathSegment() {
        return pathSegment;
    }

    /** The channel named by a topic level or URI path segment, or {@code null}. */
    public static Channel fromPathSegment(String segment) {
        for (Channel c : values()) {
            if (c.pathSegment.equals(segment)) {
                return c;
            }
        }
        return null;
    }
}
