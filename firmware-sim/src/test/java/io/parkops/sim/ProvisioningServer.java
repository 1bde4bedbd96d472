package io.parkops.sim;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * A real HTTP server on loopback that answers {@code POST /api/devices} and
 * {@code PUT /api/sites/{id}} as the platform would and records what it was sent. The status per
 * device and for sites is up to the test (201 by default).
 */
final class ProvisioningServer implements AutoCloseable {

    record Received(String authorization, JsonObject body) {
    }

    /** A site put, with how many devices had been received before it. */
    record SitePut(String path, String authorization, JsonObject body, int devicesBefore) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<SitePut> sites = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<JsonObject> status = body -> 201;
    private volatile int siteStatus = 201;

    private ProvisioningServer(Vertx vertx) {
        this.server = vertx.createHttpServer().requestHandler(request -> {
            if (request.method().name().equals("PUT") && request.path().startsWith("/api/sites/")) {
                request.body().onSuccess(buffer -> {
                    sites.add(new SitePut(request.path(), request.getHeader("Authorization"), buffer.toJsonObject(), received.size()));
                    request.response().setStatusCode(siteStatus).putHeader("content-type", "application/json").end("{}");
                });
                return;
            }
            if (!request.method().name().equals("POST") || !request.path().equals("/api/devices")) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.body().onSuccess(buffer -> {
                JsonObject body = buffer.toJsonObject();
                received.add(new Received(request.getHeader("Authorization"), body));
                request.response().setStatusCode(status.applyAsInt(body))
                        .putHeader("content-type", "application/json").end("{}");
            });
        });
    }

    static ProvisioningServer start(Vertx vertx) {
        ProvisioningServer s = new ProvisioningServer(vertx);
        Eventually.get(s.server.listen(0, "127.0.0.1"), Duration.ofSeconds(10));
        return s;
    }

    ProvisioningServer answering(ToIntFunction<JsonObject> statusForBody) {
        this.status = statusForBody;
        return this;
    }

    ProvisioningServer answeringSites(int statusForSites) {
        this.siteStatus = statusForSites;
        return this;
    }

    List<SitePut> sites() {
        return sites;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        Eventually.get(server.close(), Duration.ofSeconds(10));
    }
}
