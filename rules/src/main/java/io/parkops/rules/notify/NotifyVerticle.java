package io.parkops.rules.notify;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.AlertNotice;
import io.parkops.model.bus.LocalCodec;
import io.parkops.rules.alerts.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every alert transition that is not suppressed to MQTT ({@code alerts/{tenant}/{deviceId}},
 * QoS 1, the alert JSON) and to the matching webhooks. The broker connection reconnects by itself;
 * a transition published while it is down is queued by the HiveMQ client. When the platform's own
 * Vert.x MQTT endpoint serves the crews ({@link #viaMqttEndpoint()}), transitions go to it over the
 * event bus instead, and nothing is kept for a crew that is not connected.
 */
public final class NotifyVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyVerticle.class);

    private final NotifyConfig config;
    private final DeadLetters deadLetters;
    private Mqtt5AsyncClient mqtt;
    private String loginUser;
    private byte[] loginPassword;
    private WebhookSender webhooks;
    private boolean viaEndpoint;
    private Predicate<Alert> webhooksHere = alert -> true;

    public NotifyVerticle(NotifyConfig config, DeadLetters deadLetters) {
        this.config = config;
        this.deadLetters = deadLetters;
    }

    /** Signs in to the broker with this username and password (the embedded broker's service login); call before deploying. */
    public NotifyVerticle withLogin(String username, byte[] password) {
        this.loginUser = username;
        this.loginPassword = password == null ? null : password.clone();
        return this;
    }

    /** Hands alert transitions to the platform's own MQTT endpoint on the event bus instead of a broker; call before deploying. */
    public NotifyVerticle viaMqttEndpoint() {
        this.viaEndpoint = true;
        return this;
    }

    /**
     * Sends webhooks only for the transitions {@code here} accepts (in a cluster every node sees every
     * transition, and the node that owns the alert's thing sends its webhooks, so they go out once);
     * MQTT still goes to this node's own crews. Call before deploying.
     */
    public NotifyVerticle webhooksOnlyWhen(Predicate<Alert> here) {
        this.webhooksHere = here;
        return this;
    }

    @Override
    public Future<?> start() {
        LocalCodec.registerAll(vertx);
        webhooks = new WebhookSender(vertx, WebClient.create(vertx), config, deadLetters);
        vertx.eventBus().<Alert>localConsumer(Addresses.ALERT_CHANGED, m -> notify(m.body()));
        if (config.mqttHost() == null || viaEndpoint) {
            return Future.succeededFuture();
        }
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(config.clientId())
                .serverHost(config.mqttHost())
                .serverPort(config.mqttPort())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS).applyAutomaticReconnect();
        if (loginUser != null) {
            builder = builder.simpleAuth().username(loginUser).password(loginPassword).applySimpleAuth();
        }
        mqtt = builder.buildAsync();
        // connect in the background: alerts must not wait for (or fail with) the broker
        mqtt.connect().whenComplete((ack, e) -> {
            if (e != null) {
                LOG.warn("alert notifier cannot reach MQTT {}:{} yet: {}", config.mqttHost(), config.mqttPort(), e.getMessage());
            }
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return mqtt == null ? Future.succeededFuture()
                : Future.fromCompletionStage(mqtt.disconnect()).recover(e -> Future.succeededFuture());
    }

    private void notify(Alert alert) {
        if (alert.isSuppressed()) {
            return;
        }
        JsonObject json = AlertJson.toJson(alert);
        if (viaEndpoint) {
            vertx.eventBus().send(Addresses.ALERT_TO_MQTT_ENDPOINT, new AlertNotice(alert.thingId(), json.encode()));
        } else if (mqtt != null) {
            mqtt.publishWith()
                    .topic("alerts/" + alert.thingId().tenant() + "/" + alert.thingId().deviceId())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .contentType("application/json")
                    .payload(json.encode().getBytes(StandardCharsets.UTF_8))
                    .send()
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            LOG.warn("alert {} not published to MQTT: {}", alert.id(), e.getMessage());
                        }
                    });
        }
        if (!webhooksHere.test(alert)) {
            return;
        }
        for (Webhook hook : config.webhooks()) {
            if (hook.wants(alert)) {
                webhooks.send(hook, alert.id(), json);
            }
        }
    }
}
