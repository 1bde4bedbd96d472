package io.parkops.platform;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The Vert.x instance of a platform, with vertx-micrometer-metrics reporting into the same
 * Prometheus registry as ParkOps's own meters, so {@code /metrics} also shows event loops, the
 * event bus, HTTP and pools.
 */
public record PlatformVertx(Vertx vertx, PrometheusMeterRegistry metrics) {

    public static PlatformVertx create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        return new PlatformVertx(vertx, registry);
    }
}
