package io.parkops.adapters.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.model.Device;
import io.parkops.model.DeviceType;
import io.parkops.model.config.SharedConfig;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/device-types}, {@code GET/PUT/DELETE /api/device-types/{typeId}} and
 * {@code GET /api/device-types/{typeId}/thing-model}. A {@code PUT} (JSON, or YAML with a YAML
 * content type) is validated as a whole, written to the type folder and active for the next
 * message; a type still used by devices cannot be deleted (409 with the devices).
 */
public final class DeviceTypesApi {

    private static final long MAX_BODY = 256 * 1024;
    private static final int MAX_LISTED_DEVICES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Vertx vertx;
    private final DeviceTypeCatalog catalog;
    private final DeviceTypeFolder folder;
    private final DeviceRegistry registry;

    public DeviceTypesApi(Vertx vertx, DeviceTypeCatalog catalog, DeviceTypeFolder folder, DeviceRegistry registry) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.folder = folder;
        this.registry = registry;
    }

    public void mount(Router router) {
        router.get("/api/device-types").handler(this::list);
        router.get("/api/device-types/:typeId").handler(this::get);
        router.get("/api/device-types/:typeId/thing-model").handler(this::thingModel);
        router.put("/api/device-types/:typeId").handler(BodyHandler.create().setBodyLimit(MAX_BODY))
                .handler(DeviceTypesApi::estateWide).handler(this::put);
        router.delete("/api/device-types/:typeId").handler(DeviceTypesApi::estateWide).handler(this::delete);
    }

    /** A type serves every site: a token limited to some sites reads types but does not change them. */
    private static void estateWide(RoutingContext ctx) {
        SiteScope scope = Caller.scope(ctx::get);
        if (scope.isAll()) {
            ctx.next();
        } else {
            ApiError.of(403, "types:site.outofscope", "device types serve every site; this token is limited to " + scope
                    + " and may read them but not change them").send(ctx.response());
        }
    }

    private void list(RoutingContext ctx) {
        JsonArray types = new JsonArray();
        catalog.all().stream().sorted(java.util.Comparator.comparing(DeviceType::id)).forEach(t -> types.add(new JsonObject().put("id", t.id()).put("version", t.version())
                .put("description", t.description()).put("source", catalog.source(t.id()))));
        JsonArray errors = new JsonArray();
        folder.errors().forEach((file, message) -> errors.add(new JsonObject().put("file", file).put("message", message)));
        json(ctx, 200, new JsonObject().put("types", types).put("errors", errors));
    }

    private void get(RoutingContext ctx) {
        DeviceType type = typeOr404(ctx);
        if (type != null) {
            ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(DeviceTypeParser.toJson(type)));
        }
    }

    private void thingModel(RoutingContext ctx) {
        DeviceType type = typeOr404(ctx);
        if (type != null) {
            ctx.response().putHeader("content-type", "application/tm+json").end(ThingModels.of(type).encodePrettily());
        }
    }

    private void put(RoutingContext ctx) {
        String id = ctx.pathParam("typeId");
        String contentType = ctx.request().getHeader("content-type");
        boolean yaml = contentType != null && contentType.contains("yaml");
        DeviceType type;
        try {
            type = parse(id, ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(), yaml);
        } catch (IllegalArgumentException e) {
            ApiError.of(400, "device-types:definition.invalid", e.getMessage()).send(ctx.response());
            return;
        }
        boolean existed = catalog.find(id).isPresent();
        vertx.executeBlocking(() -> {
            folder.write(type);
            return type;
        }).onSuccess(t -> ctx.response().setStatusCode(existed ? 200 : 201).putHeader("content-type", "application/json")
                .putHeader("location", "/api/device-types/" + id).end(Buffer.buffer(DeviceTypeParser.toJson(t))))
                .onFailure(e -> storeFailed(ctx, e));
    }

    private DeviceType parse(String id, byte[] body, boolean yaml) {
        String source = "PUT /api/device-types/" + id;
        JsonNode tree;
        try {
            tree = (yaml ? YAML : JSON).readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": body is not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(source + ": body must be a device-type definition object");
        }
        JsonNode bodyId = tree.get("id");
        if (bodyId == null) {
            ((ObjectNode) tree).put("id", id);
        } else if (!id.equals(bodyId.asText())) {
            throw new IllegalArgumentException(source + ": field id '" + bodyId.asText() + "' differs from the path ('" + id + "')");
        }
        try {
            return DeviceTypeParser.parse(JSON.writeValueAsBytes(tree), source, false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage());
        }
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("typeId");
        if (typeOr404(ctx) == null) {
            return;
        }
        List<String> users = registry.all().stream().filter(d -> d.typeId().equals(id)).map(Device::id)
                .map(Object::toString).sorted().toList();
        if (!users.isEmpty()) {
            JsonObject body = ApiError.of(409, "device-types:type.inuse", "device type '" + id + "' is used by " + users.size()
                    + " device(s); delete them first").toJson()
                    .put("devices", new JsonArray(users.subList(0, Math.min(users.size(), MAX_LISTED_DEVICES))));
            json(ctx, 409, body);
            return;
        }
        if (catalog.isBuiltIn(id) && DeviceTypeCatalog.BUILT_IN.equals(catalog.source(id))) {
            ApiError.of(409, "device-types:type.builtin", "device type '" + id
                    + "' is built in and cannot be deleted; PUT a new version to override it").send(ctx.response());
            return;
        }
        vertx.executeBlocking(() -> {
            folder.delete(id);
            return id;
        }).onSuccess(x -> ctx.response().setStatusCode(204).end())
                .onFailure(e -> storeFailed(ctx, e));
    }

    /** In a cluster, Kafka not taking the change (503); otherwise the folder could not be written (500). */
    private static void storeFailed(RoutingContext ctx, Throwable e) {
        boolean kafka = e instanceof SharedConfig.Unavailable;
        ApiError.of(kafka ? 503 : 500, kafka ? "device-types:store.unavailable" : "device-types:store.failed", e.getMessage())
                .send(ctx.response());
    }

    private DeviceType typeOr404(RoutingContext ctx) {
        String id = ctx.pathParam("typeId");
        DeviceType type = catalog.find(id).orElse(null);
        if (type == null) {
            ApiError.of(404, "device-types:type.notfound", "no device type '" + id + "' (known: " + catalog.knownIds() + ")")
                    .send(ctx.response());
        }
        return type;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
