package io.parkops.platform.auth;

import io.parkops.platform.auth.Role.Permission;

/**
 * The permission each API request needs, decided from its method and path alone (pure, so it is
 * tested without a server). Reads need {@code READ}; every write is classified explicitly, and a
 * write the policy does not know needs {@code ADMINISTER}, so a new endpoint is closed by default.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    public static Permission required(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return path.startsWith("/api/tokens") ? Permission.ADMINISTER : Permission.READ;
        }
        if (path.matches("/api/alerts/[^/]+/(ack|clear)")) {
            return Permission.OPERATE;
        }
        if (path.startsWith("/api/2/things/") && path.contains("/desiredProperties")) {
            return Permission.OPERATE;
        }
        if (path.startsWith("/api/devices") || path.startsWith("/api/device-types") || path.startsWith("/api/rules")
                || path.startsWith("/api/2/things") || path.startsWith("/api/maintenance") || path.startsWith("/api/sites")) {
            return Permission.CONFIGURE;
        }
        return Permission.ADMINISTER;
    }
}
