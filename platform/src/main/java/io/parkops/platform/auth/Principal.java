package io.parkops.platform.auth;

/** Who made a request: the token's name and its role. */
public record Principal(String name, Role role) {

    /** Key under which the principal is kept in the routing context. */
    public static final String CONTEXT_KEY = "parkops.principal";
}
