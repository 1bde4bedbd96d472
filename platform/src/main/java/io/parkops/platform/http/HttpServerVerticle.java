package io.parkops.platform.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP listener for the API, health, metrics and dashboard; routes come from the platform. */
public final class HttpServerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

    private final String host;
    private final int port;
    private final Function<io.vertx.core.Vertx, Router> routes;
    private volatile int boundPort = -1;
    private KeyStoreOptions tls;

    public HttpServerVerticle(String host, int port, Function<io.vertx.core.Vertx, Router> routes) {
        this.host = host;
        this.port = port;
        this.routes = routes;
    }

    /** Serves HTTPS with the key and certificate in this key store (PKCS12, or JKS); call before deploying. */
    public HttpServerVerticle withTls(java.nio.file.Path keystore, String password) {
        this.tls = new KeyStoreOptions().setType("PKCS12").setPath(keystore.toString()).setPassword(password);
        return this;
    }

    public int port() {
        return boundPort;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(tls);
        }
        return vertx.createHttpServer(options)
                .requestHandler(routes.apply(vertx))
                .listen()
                .onSuccess(server -> {
                    boundPort = server.actualPort();
                    LOG.info("HTTP{} API listening on {}:{}", tls == null ? "" : "S", host, boundPort);
                })
                .map(HttpServer::actualPort);
    }
}
