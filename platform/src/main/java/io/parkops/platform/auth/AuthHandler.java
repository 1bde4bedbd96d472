package io.parkops.platform.auth;

import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.TokenSessions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Guards {@code /api/*} and {@code /ws/2}: takes {@code Authorization: Bearer <token>}, or HTTP
 * Basic with the token as the password (what the Eclipse Ditto Java client can send), checks the
 * permission the {@link AccessPolicy} asks for, and records every write in the audit log.
 */
public final class AuthHandler implements Handler<RoutingContext> {

    private final TokenStore tokens;
    private final AuditLog audit;
    private final TokenSessions sessions;

    /** @param sessions where streams opened with a token follow it, to be closed when it is revoked */
    public AuthHandler(TokenStore tokens, AuditLog audit, TokenSessions sessions) {
        this.tokens = tokens;
        this.audit = audit;
        this.sessions = sessions;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<Principal> principal = tokens.authenticate(token(ctx.request().getHeader("Authorization")));
        if (principal.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"parkops\"");
            ApiError.of(401, "auth:unauthenticated", "this path needs a token: send 'Authorization: Bearer <token>' "
                    + "(or HTTP Basic with the token as password); the admin token is in {data dir}/admin.token")
                    .send(ctx.response());
            return;
        }
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        Role.Permission needed = AccessPolicy.required(method, path);
        Principal who = principal.get();
        if (!who.role().may(needed)) {
            ApiError.of(403, "auth:forbidden", refusalText(who, method, path, needed)).send(ctx.response());
            return;
        }
        ctx.put(Principal.CONTEXT_KEY, who);
        ctx.put(Caller.NAME_KEY, who.name());
        ctx.put(Caller.SCOPE_KEY, who.sites());
        ctx.put(Caller.WRITE_GUARD_KEY, guardFor(who));
        ctx.put(Caller.REVOCATION_KEY, (Caller.Revocation) close -> sessions.follow(who.name(), close, () -> tokens.stillHolds(who)));
        if (needed != Role.Permission.READ) {
            ctx.addEndHandler(done -> audit.record(who, method, path, ctx.response().getStatusCode()));
        }
        ctx.next();
    }

    /** Writes inside a WebSocket session get the same decision and audit line as the HTTP request they stand for. */
    private Caller.WriteGuard guardFor(Principal who) {
        return new Caller.WriteGuard() {
            @Override
            public String refusal(String method, String path) {
                Role.Permission needed = AccessPolicy.required(method, path);
                return who.role().may(needed) ? null : refusalText(who, method, path, needed);
            }

            @Override
            public void written(String method, String path, int status) {
                audit.record(who, method, path, status);
            }
        };
    }

    private static String refusalText(Principal who, String method, String path, Role.Permission needed) {
        return "'" + who.name() + "' has role " + who.role().label() + ", which may not " + method + " " + path
                + " (needs " + needed.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    static String token(String header) {
        if (header == null) {
            return null;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
