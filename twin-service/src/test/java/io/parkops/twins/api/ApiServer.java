package io.parkops.twins.api;

import io.parkops.twins.TestTypes;
import io.parkops.twins.store.TwinPersistence;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real HTTP server on a free loopback port serving the twin API over a durable store. */
final class ApiServer implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Vertx vertx = Vertx.vertx();
    final TwinPersistence persistence;
    final TwinStore store;
    final Router router;
    private final HttpServer server;

    ApiServer(Path dir, Consumer<Router> extra) throws Exception {
        persistence = TwinPersistence.open(dir, Duration.ofMillis(100));
        store = new TwinStore(TestTypes.TYPES, persistence);
        router = Router.router(vertx);
        new ThingsApi(store).mount(router);
        extra.accept(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, headers);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        persistence.close();
    }
}
