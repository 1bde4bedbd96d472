package io.parkops.twins.ws;

import io.parkops.model.ThingId;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.twins.api.TwinScope;
import io.parkops.twins.store.Preconditions;
import io.parkops.twins.store.ThingEdits;
import io.parkops.twins.store.TwinException;
import io.parkops.twins.store.TwinStore;
import java.util.Optional;
import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.Payload;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.things.model.Thing;

/**
 * Answers Ditto protocol twin commands ({@code things/twin/commands/retrieve|create|modify|merge|delete})
 * against the store, with the response Ditto would send: same topic, the command's correlation id,
 * and a status; refusals become {@code things/twin/errors} with Ditto's error JSON.
 */
final class ProtocolCommands {

    /** Lets every write through: the twin service on its own, without the platform's authentication. */
    static final Caller.WriteGuard OPEN = new Caller.WriteGuard() {
        @Override
        public String refusal(String method, String path) {
            return null;
        }

        @Override
        public void written(String method, String path, int status) {
        }
    };

    private final TwinStore store;
    private final String origin;
    private final Caller.WriteGuard guard;
    private final SiteScope scope;

    /**
     * @param origin recorded with each change ({@code ws:{caller}}, or {@code ws} when nobody signed in)
     * @param guard  decides and records each write as the HTTP request it stands for
     * @param scope  the sites the caller sees; a thing elsewhere answers as absent
     */
    ProtocolCommands(TwinStore store, String origin, Caller.WriteGuard guard, SiteScope scope) {
        this.store = store;
        this.origin = origin;
        this.guard = guard;
        this.scope = scope;
    }

    /** The response to {@code command}; never throws for a refusal. */
    Adaptable handle(Adaptable command) {
        TopicPath topic = command.getTopicPath();
        try {
            if (!topic.isGroup(TopicPath.Group.THINGS) || !topic.isChannel(TopicPath.Channel.TWIN)
                    || !topic.isCriterion(TopicPath.Criterion.COMMANDS) || topic.getAction().isEmpty()) {
                throw new TwinException(400, "things:command.unsupported", "Only twin commands on things are served "
                        + "here, not '" + topic.getPath() + "'.", "Use things/twin/commands/{retrieve|create|modify|merge|delete}.");
            }
            ThingId id = parseId(topic);
            if (!TwinScope.visible(scope, id, store.find(id).orElse(null))) {
                throw notFound(id);
            }
            String method = httpMethod(topic.getAction().get());
            if (method == null) {
                return execute(topic, id, command);
            }
            JsonPointer path = command.getPayload().getPath();
            if (topic.getAction().get() == TopicPath.Action.MERGE) {
                path = mergedPath(path, command.getPayload().getValue().orElse(null));
            }
            return guarded(method, "/api/2/things/" + id.dittoId() + path, topic, id, command);
        } catch (TwinException e) {
            return error(topic, command.getDittoHeaders(), e);
        }
    }

    /** A write: refused with 403 when the caller's role may not make it, recorded with its outcome otherwise. */
    private Adaptable guarded(String method, String path, TopicPath topic, ThingId id, Adaptable command) {
        String refusal = guard.refusal(method, path);
        if (refusal != null) {
            throw new TwinException(403, "auth:forbidden", refusal, "Ask an admin for a token with a role that may.");
        }
        try {
            Adaptable response = execute(topic, id, command);
            guard.written(method, path, response.getPayload().getHttpStatus().map(HttpStatus::getCode).orElse(200));
            return response;
        } catch (TwinException e) {
            guard.written(method, path, e.error().status());
            throw e;
        }
    }

    /**
     * The deepest path a merge really writes: merging {@code {"desiredProperties":{"t":21}}} into a
     * feature writes only {@code .../desiredProperties/t}, which an operator may (the Ditto client
     * merges whole feature objects). Only for merges: a modify of the feature would replace it all.
     */
    static JsonPointer mergedPath(JsonPointer path, JsonValue value) {
        JsonPointer narrowed = path;
        JsonValue rest = value;
        while (rest != null && rest.isObject() && rest.asObject().getSize() == 1) {
            var field = rest.asObject().iterator().next();
            narrowed = narrowed.addLeaf(field.getKey());
            rest = field.getValue();
        }
        return narrowed;
    }

    /** The HTTP method a twin command stands for; {@code null} for reads. */
    private static String httpMethod(TopicPath.Action action) {
        return switch (action) {
            case CREATE, MODIFY -> "PUT";
            case MERGE -> "PATCH";
            case DELETE -> "DELETE";
            default -> null;
        };
    }

    private Adaptable execute(TopicPath topic, ThingId id, Adaptable command) {
        Payload payload = command.getPayload();
        JsonPointer path = payload.getPath();
        JsonValue value = payload.getValue().orElse(null);
        DittoHeaders headers = command.getDittoHeaders();
        Preconditions pre = new Preconditions(headers.getIfMatch().map(Object::toString).orElse(null),
                headers.getIfNoneMatch().map(Object::toString).orElse(null));
        long now = System.currentTimeMillis();
        return switch (topic.getAction().get()) {
            case RETRIEVE -> response(topic, headers, path, retrieve(id, path, payload), HttpStatus.OK);
            case CREATE -> {
                TwinStore.WriteResult r = store.put(id, path, requireValue(value), new Preconditions(null, "*"), now, origin);
                yield response(topic, headers, path, r.thing().toJson(), HttpStatus.CREATED);
            }
            case MODIFY -> {
                TwinStore.WriteResult r = store.put(id, path, requireValue(value), pre, now, origin);
                yield r.created() ? response(topic, headers, path, path.isEmpty() ? r.thing().toJson() : value, HttpStatus.CREATED)
                        : response(topic, headers, path, null, HttpStatus.NO_CONTENT);
            }
            case MERGE -> {
                store.merge(id, path, requireValue(value), pre, now, origin);
                yield response(topic, headers, path, null, HttpStatus.NO_CONTENT);
            }
            case DELETE -> {
                Thing before = store.find(id).orElseThrow(() -> notFound(id));
                if (!path.isEmpty() && ThingEdits.valueAt(before, path).isEmpty()) {
                    throw new TwinException(404, "things:path.notfound", "Nothing at '" + path + "' of the Thing with ID '"
                            + id.dittoId() + "'.", "Check the path.");
                }
                store.delete(id, path, pre, now, origin);
                yield response(topic, headers, path, null, HttpStatus.NO_CONTENT);
            }
            default -> throw new TwinException(400, "things:command.unsupported", "The action '"
                    + topic.getAction().get() + "' is not a command.", "Use retrieve, create, modify, merge or delete.");
        };
    }

    private JsonValue retrieve(ThingId id, JsonPointer path, Payload payload) {
        Thing thing = store.find(id).orElseThrow(() -> notFound(id));
        if (path.isEmpty()) {
            return payload.getFields()
                    .<JsonValue>map(f -> thing.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial()).get(f))
                    .orElse(thing.toJson());
        }
        Optional<JsonValue> value = ThingEdits.valueAt(thing, path);
        return value.orElseThrow(() -> new TwinException(404, "things:path.notfound", "Nothing at '" + path
                + "' of the Thing with ID '" + id.dittoId() + "'.", "Check the path."));
    }

    private static JsonValue requireValue(JsonValue value) {
        if (value == null) {
            throw new TwinException(400, "things:payload.invalid", "The command has no value.", "Send the new value in 'value'.");
        }
        return value;
    }

    private static Adaptable response(TopicPath topic, DittoHeaders command, JsonPointer path, JsonValue value, HttpStatus status) {
        var payload = ProtocolFactory.newPayloadBuilder(path).withStatus(status);
        if (value != null) {
            payload.withValue(value);
        }
        return ProtocolFactory.newAdaptableBuilder(topic).withPayload(payload.build()).withHeaders(responseHeaders(command)).build();
    }

    static Adaptable error(TopicPath topic, DittoHeaders command, TwinException e) {
        TopicPath errors = ProtocolFactory.newTopicPath(topic.getNamespace() + '/' + topic.getEntityName() + "/things/twin/errors");
        return ProtocolFactory.newAdaptableBuilder(errors)
                .withPayload(ProtocolFactory.newPayloadBuilder(JsonPointer.empty())
                        .withStatus(HttpStatus.tryGetInstance(e.error().status()).orElse(HttpStatus.BAD_REQUEST))
                        .withValue(org.eclipse.ditto.json.JsonFactory.newObject(e.error().toJson().encode()))
                        .build())
                .withHeaders(responseHeaders(command))
                .build();
    }

    private static DittoHeaders responseHeaders(DittoHeaders command) {
        var builder = DittoHeaders.newBuilder().contentType("application/json");
        command.getCorrelationId().ifPresent(builder::correlationId);
        return builder.build();
    }

    private static ThingId parseId(TopicPath topic) {
        try {
            return ThingId.parseDitto(topic.getNamespace() + ':' + topic.getEntityName());
        } catch (IllegalArgumentException e) {
            throw new TwinException(400, "things:id.invalid", "The Thing ID '" + topic.getNamespace() + ':'
                    + topic.getEntityName() + "' is not valid: " + e.getMessage(), "Use '{namespace}:{name}'.");
        }
    }

    private static TwinException notFound(ThingId id) {
        return new TwinException(404, "things:thing.notfound", "The Thing with ID '" + id.dittoId() + "' could not be "
                + "found or the requester had insufficient permissions to access it.",
                "Check if the ID of your requested Thing was correct and you have sufficient permissions.");
    }
}
