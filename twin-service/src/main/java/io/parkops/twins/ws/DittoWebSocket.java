package io.parkops.twins.ws;

import io.parkops.model.http.Caller;
import io.parkops.twins.store.TwinStore;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;

/**
 * {@code /ws/2}: the Ditto protocol over WebSocket, which the Eclipse Ditto Java client connects
 * to. The platform authenticates the upgrade request; each write in the session is then decided
 * and audited by the caller's {@link Caller.WriteGuard} as the HTTP request it stands for, so a
 * viewer's socket reads but does not write. A token scoped to some sites sees only their things:
 * others answer Ditto's 404 and send no events.
 */
public final class DittoWebSocket {

    private final TwinStore store;
    private java.util.function.Consumer<String> tap = frame -> { };

    public DittoWebSocket(TwinStore store) {
        this.store = store;
    }

    /** Sees every text frame a client sends (diagnostics, and tests that check what clients send). */
    public DittoWebSocket tapFrames(java.util.function.Consumer<String> frameTap) {
        this.tap = frameTap;
        return this;
    }

    public void mount(Router router) {
        router.route("/ws/2").handler(ctx -> ctx.request().toWebSocket()
                .onSuccess(ws -> {
                    new WebSocketSession(ws, store, commandsFor(ctx), Caller.scope(ctx::get),
                            ctx.vertx().getOrCreateContext(), tap);
                    Runnable unfollow = Caller.whenRevoked(ctx::get, () -> ws.close((short) 1008, "token revoked"));
                    ws.endHandler(v -> unfollow.run());
                })
                .onFailure(e -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end("expected a WebSocket upgrade: " + e.getMessage());
                    }
                }));
    }

    private ProtocolCommands commandsFor(RoutingContext ctx) {
        String caller = ctx.get(Caller.NAME_KEY);
        Caller.WriteGuard guard = ctx.get(Caller.WRITE_GUARD_KEY);
        return new ProtocolCommands(store, caller == null ? "ws" : "ws:" + caller,
                guard == null ? ProtocolCommands.OPEN : guard, Caller.scope(ctx::get));
    }
}
