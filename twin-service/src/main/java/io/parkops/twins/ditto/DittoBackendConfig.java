package io.parkops.twins.ditto;

import java.net.URI;
import java.time.Duration;

/**
 * Where the Ditto backend connects: {@code PARKOPS_DITTO_URL} as {@code ws://user:password@host:port}
 * (or {@code http://}, turned into {@code ws://}); the Ditto client appends {@code /ws/2}.
 *
 * @param interval how often the latest state of every changed thing is written (coalescing window)
 */
public record DittoBackendConfig(URI endpoint, String username, String password, Duration interval, Duration maxBackoff) {

    public DittoBackendConfig {
        if (endpoint == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("dittoUrl must be a ws:// or http:// URL with a host, e.g. ws://ditto:ditto@127.0.0.1:8080");
        }
        if (interval.isNegative() || interval.isZero() || maxBackoff.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the Ditto write interval must be positive and at most the maximum back-off");
        }
    }

    /** Parses {@code PARKOPS_DITTO_URL}; credentials default to Ditto's sample {@code ditto:ditto}. */
    public static DittoBackendConfig parse(String url, Duration interval) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dittoUrl '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String wsScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException("dittoUrl '" + url + "' must start with ws://, wss://, http:// or https://");
        };
        String user = "ditto";
        String password = "ditto";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ("ws".equals(wsScheme) ? 80 : 443);
        return new DittoBackendConfig(URI.create(wsScheme + "://" + uri.getHost() + ':' + port), user, password, interval,
                Duration.ofSeconds(30));
    }
}
