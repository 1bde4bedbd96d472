package io.parkops.platform.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Who may do what. Everyone signed in may read. Maintenance crews (operator) acknowledge and
 * clear alerts and set desired values; integrators change device types, devices and rules;
 * admins do everything, including managing tokens.
 */
public enum Role {
    VIEWER(Set.of(Permission.READ)),
    OPERATOR(Set.of(Permission.READ, Permission.OPERATE)),
    INTEGRATOR(Set.of(Permission.READ, Permission.CONFIGURE)),
    ADMIN(Set.of(Permission.READ, Permission.OPERATE, Permission.CONFIGURE, Permission.ADMINISTER));

    /** What a request needs. */
    public enum Permission { READ, OPERATE, CONFIGURE, ADMINISTER }

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.label().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + text + "' must be one of viewer, operator, integrator, admin");
    }
}
