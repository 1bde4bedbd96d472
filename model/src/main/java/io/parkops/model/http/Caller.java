package io.parkops.model.http;

/**
 * Where the platform's authentication leaves the signed-in user's name in a request's routing
 * context, so module APIs can record who acted without depending on the platform.
 */
public final class Caller {

    /** Routing-context key of the caller's name (a {@code String}). */
    public static final String NAME_KEY = "parkops.caller";

    private Caller() {
    }
}
