package io.parkops.twins.ws;

import io.parkops.twins.store.TwinStore;
import io.vertx.ext.web.Router;

/**
 * {@code /ws/2}: the Ditto protocol over WebSocket, which the Eclipse Ditto Java client connects
 * to. Credentials are accepted as sent until API authentication arrives (issue 6).
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
                .onSuccess(ws -> new WebSocketSession(ws, store, new ProtocolCommands(store), ctx.vertx().getOrCreateContext(), tap))
                .onFailure(e -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end("expected a WebSocket upgrade: " + e.getMessage());
                    }
                }));
    }
}
