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
import io.parkops.platform.http.Health;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where device MQTT comes in. With the embedded HiveMQ CE broker (the default) the platform takes
 * telemetry inside the broker ({@link BrokerIntakeVerticle}); with an external broker
 * ({@code PARKOPS_MQTT_URL}) it is a client with a shared subscription ({@link MqttIngressVerticle}).
 */
final class MqttEdge {

    private final EmbeddedBrokerVerticle broker;
    private final BrokerIntakeVerticle intake;
    private final MqttIngressVerticle client;

    private MqttEdge(EmbeddedBrokerVerticle broker, BrokerIntakeVerticle intake, MqttIngressVerticle client) {
        this.broker = broker;
        this.intake = intake;
        this.client = client;
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
        return new MqttEdge(broker, intake, null);
    }

    static MqttEdge external(MqttIngressConfig link, TelemetryIngest ingest) {
        return new MqttEdge(null, null, new MqttIngressVerticle(link, ingest));
    }

    /** The broker and what it needs, in order; nothing for an external broker. */
    Future<Void> deployBroker(Function<Deployable, Future<Void>> deploy) {
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
    }

    int waiting() {
        return client != null ? client.waiting() : intake.waiting();
    }

    Health.Finding ingressHealth() {
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
