package io.parkops.platform.auth;

import io.parkops.model.http.SiteScope;

/** Who made a request: the token's name, its role, and the sites it may see. */
public record Principal(String name, Role role, SiteScope sites) {

    /** Key under which the principal is kept in the routing context. */
    public static final String CONTEXT_KEY = "parkops.principal";

    public Principal {
        sites = sites == null ? SiteScope.ALL : sites;
    }

    /** A principal that sees every site. */
    public Principal(String name, Role role) {
        this(name, role, SiteScope.ALL);
    }
}
