package io.parkops.model.http;

/**
 * Where the platform's authentication leaves the signed-in user in a request's routing context,
 * so module APIs can record who acted, and check writes that do not arrive as HTTP requests (Ditto
 * protocol commands on {@code /ws/2}), without depending on the platform.
 */
public final class Caller {

    /** Routing-context key of the caller's name (a {@code String}). */
    public static final String NAME_KEY = "parkops.caller";

    /** Routing-context key of the caller's {@link SiteScope} (absent: every site). */
    public static final String SCOPE_KEY = "parkops.siteScope";

    /** Routing-context key of the caller's {@link WriteGuard}. */
    public static final String WRITE_GUARD_KEY = "parkops.writeGuard";

    /**
     * Decides and records a write that is made inside an already authorised connection, as if it were
     * the HTTP request {@code method path} (a Ditto {@code modify} of a twin path is a {@code PUT} of
     * {@code /api/2/things/{thingId}{path}}).
     */
    public interface WriteGuard {

        /** {@code null} when the caller may; otherwise a sentence saying who may not do what and why. */
        String refusal(String method, String path);

        /** Records a write that was made (or refused by the store) with the status it got. */
        void written(String method, String path, int status);
    }

    private Caller() {
    }

    /** The caller's sites from a request context's getter ({@code Caller.scope(ctx::get)}); every site when none is set. */
    public static SiteScope scope(java.util.function.Function<String, Object> context) {
        return SiteScope.orAll(context.apply(SCOPE_KEY));
    }
}
