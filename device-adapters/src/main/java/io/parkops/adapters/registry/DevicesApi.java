package io.parkops.adapters.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.parkops.model.Addresses;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.model.config.SharedConfig;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/devices}, {@code GET /api/devices}, {@code GET/DELETE /api/devices/{tenant}/{deviceId}}. A
 * token limited to some sites provisions only there (403 naming the tenant field otherwise), and
 * lists, reads and deletes only their devices: another site's device answers 404.
 */
public final class DevicesApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BODY = 64 * 1024;

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final DeviceRequest requests;
    private final WorkerExecutor hashing;

    public DevicesApi(Vertx vertx, DeviceRegistry registry, DeviceRequest requests) {
        this.vertx = vertx;
        this.registry = registry;
        this.requests = requests;
        // one bcrypt per core at a time: a bulk import hashes in parallel instead of one after another
        this.hashing = vertx.createSharedWorkerExecutor("parkops-provisioning", Runtime.getRuntime().availableProcessors());
    }

    public void mount(Router router) {
        router.post("/api/devices").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::create);
        router.get("/api/devices").handler(this::list);
        router.get("/api/devices/:tenant/:deviceId").handler(this::get);
        router.delete("/api/devices/:tenant/:deviceId").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        Device device;
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            device = requests.parse(body);
        } catch (JsonProcessingException e) {
            ApiError.of(400, "devices:body.invalid", "body is not valid JSON: " + e.getOriginalMessage()).send(ctx.response());
            return;
        } catch (IOException e) {
            ApiError.of(400, "devices:body.invalid", "body cannot be read: " + e.getMessage()).send(ctx.response());
            return;
        } catch (DeviceRequest.InvalidRequestException e) {
            new ApiError(400, "devices:field.invalid", e.getMessage(), "field: " + e.field()).send(ctx.response());
            return;
        }
        SiteScope scope = Caller.scope(ctx::get);
        if (!scope.allows(device)) {
            boolean ownSite = scope.seesSite(device.id().tenant());
            new ApiError(403, "devices:site.outofscope", "this token is limited to " + scope + "; it may not provision "
                    + (ownSite ? "devices of building '" + device.attributes().get(Device.BUILDING) + "'"
                            : "devices of site '" + device.id().tenant() + "'"),
                    ownSite ? "field: attributes.building" : "field: tenant").send(ctx.response());
            return;
        }
        if (registry.find(device.id()) != null) {
            exists(ctx, device);
            return;
        }
        // bcrypt is slow on purpose: hash on a worker, never on the event loop, and unordered, so that
        // requests on the same connection or event loop do not wait for each other's hashes; the device
        // is added there too, since in a cluster adding waits for Kafka
        hashing.executeBlocking(() -> registry.add(device, requests.credentials(body)), false).onComplete(added -> {
            if (added.failed()) {
                refused(ctx, added.cause());
            } else if (!added.result()) {
                exists(ctx, device);
            } else {
                vertx.eventBus().publish(Addresses.DEVICE_PROVISIONED, device);
                ctx.response().setStatusCode(201)
                        .putHeader("content-type", "application/json")
                        .putHeader("location", "/api/devices/" + device.id().tenant() + "/" + device.id().deviceId())
                        .end(toJson(device, registry.credentials(device.id())).encode());
            }
        });
    }

    private static void exists(RoutingContext ctx, Device device) {
        ApiError.of(409, "devices:device.exists", "device " + device.id() + " already exists; DELETE it first to change its type")
                .send(ctx.response());
    }

    private void get(RoutingContext ctx) {
        ThingId id = idOf(ctx);
        Device device = id == null ? null : registry.find(id);
        if (device == null || !Caller.scope(ctx::get).allows(device)) {
            notFound(ctx);
            return;
        }
        ctx.response().putHeader("content-type", "application/json").end(toJson(device, registry.credentials(id)).encode());
    }

    private void delete(RoutingContext ctx) {
        ThingId id = idOf(ctx);
        Device device = id == null ? null : registry.find(id);
        if (device == null || !Caller.scope(ctx::get).allows(device)) {
            notFound(ctx);
            return;
        }
        vertx.executeBlocking(() -> registry.remove(id).isPresent(), false).onComplete(removed -> {
            if (removed.failed()) {
                refused(ctx, removed.cause());
            } else if (!removed.result()) {
                notFound(ctx);
            } else {
                vertx.eventBus().publish(Addresses.DEVICE_REMOVED, id);
                ctx.response().setStatusCode(204).end();
            }
        });
    }

    /** Bad credentials in the request (400), or, in a cluster, Kafka not taking the change (503). */
    private static void refused(RoutingContext ctx, Throwable e) {
        if (e instanceof SharedConfig.Unavailable) {
            ApiError.of(503, "devices:store.unavailable", e.getMessage()).send(ctx.response());
        } else if (e instanceof IllegalArgumentException) {
            ApiError.of(400, "devices:field.invalid", e.getMessage()).send(ctx.response());
        } else {
            ApiError.of(500, "devices:store.failed", String.valueOf(e.getMessage())).send(ctx.response());
        }
    }

    private static ThingId idOf(RoutingContext ctx) {
        try {
            return ThingId.of(ctx.pathParam("tenant"), ctx.pathParam("deviceId"));
        } catch (ThingId.InvalidIdException e) {
            return null;
        }
    }

    private static void notFound(RoutingContext ctx) {
        ApiError.of(404, "devices:device.notfound", "no device " + ctx.pathParam("tenant") + "/" + ctx.pathParam("deviceId")
                + " is provisioned").send(ctx.response());
    }

    /** {@code GET /api/devices?tenant=&type=}: the provisioned devices, sorted by thing id. */
    private void list(RoutingContext ctx) {
        String tenant = ctx.queryParams().get("tenant");
        String type = ctx.queryParams().get("type");
        SiteScope scope = Caller.scope(ctx::get);
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        registry.all().stream()
                .filter(scope::allows)
                .filter(d -> tenant == null || tenant.isBlank() || d.id().tenant().equals(tenant))
                .filter(d -> type == null || type.isBlank() || d.typeId().equals(type))
                .sorted(java.util.Comparator.comparing(d -> d.id().dittoId()))
                .forEach(d -> out.add(toJson(d, registry.credentials(d.id()))));
        ctx.response().putHeader("content-type", "application/json").end(out.encode());
    }

    /** The device as the API shows it: whether credentials are set, never their values. */
    static JsonObject toJson(Device device, DeviceCredentials credentials) {
        return toJson(device).put("credentials", new JsonObject()
                .put("password", credentials.hasPassword()).put("psk", credentials.hasPsk()));
    }

    static JsonObject toJson(Device device) {
        JsonObject attributes = new JsonObject();
        device.attributes().forEach(attributes::put);
        return new JsonObject()
                .put("tenant", device.id().tenant())
                .put("deviceId", device.id().deviceId())
                .put("thingId", device.id().dittoId())
                .put("type", device.typeId())
                .put("attributes", attributes)
                .put("via", new io.vertx.core.json.JsonArray(device.via()));
    }
}
