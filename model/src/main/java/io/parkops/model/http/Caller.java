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

    /** Routing-context key of the caller's {@link Revocation}. */
    public static final String REVOCATION_KEY = "parkops.revocation";

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

    /** Closes what a caller keeps open (a stream, a WebSocket) when its token is deleted. */
    @FunctionalInterface
    public interface Revocation {

        /** Runs {@code close} if the caller's token is revoked; the answer stops that (call it when the stream ends). */
        Runnable whenRevoked(Runnable close);
    }

    private Caller() {
    }

    /**
     * Runs {@code close} when the token of the request in {@code context} is revoked ({@code Caller.whenRevoked(ctx::get, ...)});
     * the answer stops following. Without authentication (a module used alone) nothing is followed.
     */
    public static Runnable whenRevoked(java.util.function.Function<String, Object> context, Runnable close) {
        Object revocation = context.apply(REVOCATION_KEY);
        return revocation instanceof Revocation r ? r.whenRevoked(close) : () -> { };
    }

    /** The caller's sites from a request context's getter ({@code Caller.scope(ctx::get)}); every site when none is set. */
    public static SiteScope scope(java.util.function.Function<String, Object> context) {
        return SiteScope.orAll(context.apply(SCOPE_KEY));
    }
}
