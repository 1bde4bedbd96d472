package io.parkops.twins.ws;

import io.parkops.model.http.SiteScope;
import io.parkops.twins.api.TwinScope;
import io.parkops.twins.search.RqlFilter;
import io.parkops.twins.store.ThingEvent;
import io.parkops.twins.store.TwinException;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;

/**
 * One Ditto WebSocket connection: protocol commands in, responses out; after
 * {@code START-SEND-EVENTS[?filter=..&namespaces=..]} every matching twin change of the caller's sites as a Ditto event,
 * in the order the store applied them, until {@code STOP-SEND-EVENTS}.
 */
final class WebSocketSession {

    private static final String START_EVENTS = "START-SEND-EVENTS";
    private static final String STOP_EVENTS = "STOP-SEND-EVENTS";

    private final ServerWebSocket ws;
    private final TwinStore store;
    private final ProtocolCommands commands;
    private final SiteScope scope;
    private final Context context;
    private Runnable unsubscribe;

    WebSocketSession(ServerWebSocket ws, TwinStore store, ProtocolCommands commands, SiteScope scope, Context context,
                     java.util.function.Consumer<String> tap) {
        this.ws = ws;
        this.store = store;
        this.commands = commands;
        this.scope = scope;
        this.context = context;
        ws.textMessageHandler(text -> {
            tap.accept(text);
            onText(text);
        });
        ws.closeHandler(v -> stopEvents());
    }

    private void onText(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith(START_EVENTS)) {
            startEvents(trimmed.substring(START_EVENTS.length()));
        } else if (trimmed.startsWith(STOP_EVENTS)) {
            stopEvents();
            ws.writeTextMessage(STOP_EVENTS + ":ACK");
        } else if (trimmed.matches("(START|STOP)-SEND-[A-Z-]+(\\?.*)?")) {
            // messages, live commands/events and policy announcements are not served; ack so clients carry on
            ws.writeTextMessage(trimmed.replaceAll("\\?.*", "") + ":ACK");
        } else {
            onCommand(trimmed);
        }
    }

    private void onCommand(String json) {
        Adaptable command;
        try {
            command = ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(json));
        } catch (RuntimeException e) {
            send(ProtocolCommands.error(ProtocolFactory.newTopicPath("_/_/things/twin/errors"), DittoHeaders.empty(),
                    new TwinException(400, "json.invalid", "The message is not a Ditto protocol message: " + e.getMessage(),
                            "Send {\"topic\":..., \"headers\":..., \"path\":..., \"value\":...}.")));
            return;
        }
        Adaptable response = commands.handle(command);
        Future.fromCompletionStage(store.commitSoon(), context).onComplete(done -> send(response));
    }

    private void startEvents(String query) {
        Map<String, String> params = params(query);
        RqlFilter filter;
        try {
            filter = RqlFilter.parse(params.get("filter"));
        } catch (TwinException e) {
            ws.writeTextMessage(START_EVENTS + ":NACK " + e.getMessage());
            return;
        }
        Set<String> namespaces = params.containsKey("namespaces")
                ? Arrays.stream(params.get("namespaces").split(",")).map(String::trim).collect(Collectors.toSet()) : null;
        stopEvents();
        unsubscribe = store.subscribe(event -> {
            if (TwinScope.visible(scope, event) && matches(event, filter, namespaces)) {
                String text = ProtocolFactory.wrapAsJsonifiableAdaptable(EventAdaptables.of(event)).toJsonString();
                context.runOnContext(v -> {
                    if (!ws.isClosed()) {
                        ws.writeTextMessage(text);
                    }
                });
            }
        });
        ws.writeTextMessage(START_EVENTS + ":ACK");
    }

    private static boolean matches(ThingEvent event, RqlFilter filter, Set<String> namespaces) {
        if (event.path().toString().startsWith("/_metadata")) {
            return false; // ParkOps' own bookkeeping, not a Ditto event
        }
        if (namespaces != null && !namespaces.contains(event.id().namespace())) {
            return false;
        }
        return event.deleted() || filter.matchesAll()
                || filter.test(event.thing().toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial()));
    }

    private void stopEvents() {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }

    private void send(Adaptable adaptable) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable).toJsonString());
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        String q = query.startsWith("?") ? query.substring(1) : query;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
