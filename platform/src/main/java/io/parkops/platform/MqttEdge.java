package io.parkops.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.mqtt.BrokerIntakeVerticle;
import io.parkops.adapters.mqtt.EmbeddedBrokerConfig;
import io.parkops.adapters.mqtt.EmbeddedBrokerVerticle;
import io.parkops.adapters.mqtt.MqttIngressConfig;
import io.parkops.adapters.mqtt.MqttIngressVerticle;
import io.parkops.adapters.mqtt.PublishGuard;
import io.parkops.adapters.mqtt.auth.BrokerSecurity;
import io.parkops.adapters.mqtt.endpoint.MqttEndpointVerticle;
import io.parkops.platform.http.Health;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where device MQTT comes in. With the embedded HiveMQ CE broker (the default) the platform takes
 * telemetry inside the broker ({@link BrokerIntakeVerticle}); with an external broker
 * ({@code PARKOPS_MQTT_URL}) it is a client with a shared subscription ({@link MqttIngressVerticle});
 * with {@code PARKOPS_MQTT_ENDPOINT=vertx} ParkOps serves devices itself on Vert.x's MQTT server
 * ({@link MqttEndpointVerticle}) and no broker runs.
 */
final class MqttEdge {

    private final EmbeddedBrokerVerticle broker;
    private final BrokerIntakeVerticle intake;
    private final MqttIngressVerticle client;
    private final MqttEndpointVerticle endpoint;

    private MqttEdge(EmbeddedBrokerVerticle broker, BrokerIntakeVerticle intake, MqttIngressVerticle client,
                     MqttEndpointVerticle endpoint) {
        this.broker = broker;
        this.intake = intake;
        this.client = client;
        this.endpoint = endpoint;
    }

    /** The embedded broker; {@code security} null leaves it open (PARKOPS_MQTT_ALLOW_UNAUTHENTICATED). */
    static MqttEdge embedded(EmbeddedBrokerConfig config, TelemetryIngest ingest, BrokerSecurity security,
                             Path tlsKeystore, String tlsPassword, int mqttsPort) {
        BrokerIntakeVerticle intake = new BrokerIntakeVerticle(ingest, security == null ? PublishGuard.OPEN : security.publishGuard());
        EmbeddedBrokerVerticle broker = new EmbeddedBrokerVerticle(config).withIntake(intake);
        if (security != null) {
            broker.withSecurity(security);
        }
        if (tlsKeystore != null) {
            broker.withTls(tlsKeystore, tlsPassword, mqttsPort);
        }
        return new MqttEdge(broker, intake, null, null);
    }

    static MqttEdge external(MqttIngressConfig link, TelemetryIngest ingest) {
        return new MqttEdge(null, null, new MqttIngressVerticle(link, ingest), null);
    }

    /** ParkOps's own device endpoint; no broker. */
    static MqttEdge vertx(MqttEndpointVerticle endpoint) {
        return new MqttEdge(null, null, null, endpoint);
    }

    /** Whether devices are served by the Vert.x endpoint (commands and alerts then go to it over the event bus). */
    boolean isVertxEndpoint() {
        return endpoint != null;
    }

    /**
     * The broker and what it needs, in order, or the Vert.x endpoint (which consumes commands and
     * alerts, so it comes before their producers); nothing for an external broker.
     */
    Future<Void> deployBroker(Function<Deployable, Future<Void>> deploy) {
        if (endpoint != null) {
            return deploy.apply(endpoint);
        }
        return broker == null ? Future.succeededFuture() : deploy.apply(intake).compose(v -> deploy.apply(broker));
    }

    /** The subscribing ingress, deployed last (it starts taking messages at once); nothing for the embedded broker. */
    Future<Void> deployIngress(Function<Deployable, Future<Void>> deploy) {
        return client == null ? Future.succeededFuture() : deploy.apply(client);
    }

    void registerMeters(MeterRegistry metrics) {
        Gauge.builder("parkops.mqtt.ingress.waiting", this, MqttEdge::waiting)
                .description("MQTT messages received and not yet acknowledged (held for room or not yet durable)").register(metrics);
        if (broker != null) {
            Gauge.builder("parkops.broker.connections", broker, EmbeddedBrokerVerticle::connections)
                    .description("MQTT connections held by the embedded broker").register(metrics);
        }
        if (endpoint != null) {
            Gauge.builder("parkops.broker.connections", endpoint, MqttEndpointVerticle::connections)
                    .description("MQTT connections held by the Vert.x device endpoint").register(metrics);
        }
    }

    int waiting() {
        if (endpoint != null) {
            return endpoint.waiting();
        }
        return client != null ? client.waiting() : intake.waiting();
    }

    /** The MQTT port devices connect to, when ParkOps serves it (null for an external broker or the embedded one's configured port). */
    Integer endpointPort() {
        return endpoint == null ? null : endpoint.port();
    }

    Health.Finding ingressHealth() {
        if (endpoint != null) {
            return endpoint.isRunning() ? Health.Finding.up()
                    : new Health.Finding(Health.Level.DOWN, "the MQTT endpoint is not listening");
        }
        if (client != null) {
            return client.isConnected() ? Health.Finding.up()
                    : new Health.Finding(Health.Level.DOWN, "MQTT ingress is not connected to its broker");
        }
        return intake.isRunning() ? Health.Finding.up() : new Health.Finding(Health.Level.DOWN, "the broker intake is not deployed");
    }

    Health.Finding brokerHealth() {
        return broker == null || broker.isRunning() ? Health.Finding.up()
                : new Health.Finding(Health.Level.DOWN, "the embedded MQTT broker is not running");
    }
}
