package io.parkops.adapters.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.parkops.adapters.codec.PayloadDecoders;
import io.parkops.adapters.ingest.DurableHandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.ingest.ThrottledLog;
import io.parkops.model.Channel;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT ingress: one HiveMQ-client connection per platform instance, subscribed with a shared
 * subscription to every device's telemetry and event topic. Works the same against the embedded
 * HiveMQ CE broker and an external broker ({@code PARKOPS_MQTT_URL}).
 *
 * <p>The session is persistent (clean start off, {@code PARKOPS_MQTT_SESSION_EXPIRY}, one hour by
 * default), so QoS 1 messages published while the platform reconnects are delivered when it is back.
 *
 * <p>Acknowledgement is manual: a message is acknowledged when its points are written to InfluxDB
 * or synced to the disk spool (the writer sends its ack id back), or at once when it is refused.
 * The broker sends at most {@code receiveMaximum} unacknowledged messages (MQTT 5 flow control),
 * so when the ingest gate is shut the ingress holds at most that many ({@link DurableHandOff}) and
 * the broker keeps the rest: it slows down instead of buffering.
 */
public final class MqttIngressVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngressVerticle.class);
    private static final ThrottledLog REJECTIONS = new ThrottledLog(LOG, 1000);

    private final MqttIngressConfig config;
    private final TelemetryIngest ingest;
    private Mqtt5AsyncClient client;
    private volatile boolean subscribedOnce;
    private String loginUser;
    private byte[] loginPassword;
    private DurableHandOff handOff;

    public MqttIngressVerticle(MqttIngressConfig config, TelemetryIngest ingest) {
        this.config = config;
        this.ingest = ingest;
    }

    /** Signs in to the broker with this username and password (the embedded broker's service login); call before deploying. */
    public MqttIngressVerticle withLogin(String username, byte[] password) {
        this.loginUser = username;
        this.loginPassword = password == null ? null : password.clone();
        return this;
    }

    public boolean isConnected() {
        return client != null && client.getState().isConnected();
    }

    /** Messages received and not yet acknowledged (held for room or waiting to be durable). */
    public int waiting() {
        DurableHandOff h = handOff;
        return h == null ? 0 : h.waiting();
    }

    @Override
    public Future<?> start() {
        handOff = new DurableHandOff(context, ingest, "MQTT ingress", deploymentID());
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(config.clientId())
                .serverHost(config.host())
                .serverPort(config.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(c -> onConnected())
                .addDisconnectedListener(c -> LOG.warn("MQTT ingress disconnected from {}:{}: {}", config.host(), config.port(),
                        c.getCause().getMessage()));
        if (loginUser != null) {
            builder = builder.simpleAuth().username(loginUser).password(loginPassword).applySimpleAuth();
        }
        client = builder.buildAsync();
        // Registered before connecting: a resumed session may deliver queued messages at once.
        client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish, task -> context.runOnContext(v -> task.run()), true);
        return handOff.start().compose(v -> Future.fromCompletionStage(client.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(config.sessionExpirySeconds())
                        .restrictions().receiveMaximum(config.receiveMaximum()).applyRestrictions()
                        .send()))
                .compose(ack -> subscribe());
    }

    /**
     * Subscribes on every connection, not only the first: a resumed session normally keeps its
     * subscriptions, but Mosquitto 2.0 does not restore shared subscriptions after a broker
     * restart, and then nothing would arrive. Subscribing again to the same filters is harmless.
     */
    private void onConnected() {
        LOG.info("MQTT ingress connected to {}:{}", config.host(), config.port());
        if (subscribedOnce) {
            subscribe().onFailure(e -> LOG.warn("MQTT ingress could not subscribe again: {}", e.getMessage()));
        }
    }

    private Future<?> subscribe() {
        return Future.fromCompletionStage(client.subscribeWith()
                        .addSubscription().topicFilter(MqttTopics.sharedFilter(config.shareGroup(), Channel.TELEMETRY))
                        .qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                        .addSubscription().topicFilter(MqttTopics.sharedFilter(config.shareGroup(), Channel.EVENT))
                        .qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                        .send())
                .onSuccess(subAck -> {
                    subscribedOnce = true;
                    LOG.info("MQTT ingress subscribed to $share/{}/telemetry/+/+ and event/+/+", config.shareGroup());
                });
    }

    /** Refused messages are acknowledged at once (dropped and counted); good ones are acknowledged once durable. */
    private void onPublish(Mqtt5Publish publish) {
        Telemetry telemetry = check(publish);
        if (telemetry == null) {
            publish.acknowledge();
            return;
        }
        handOff.offer(telemetry, publish::acknowledge);
    }

    private Telemetry check(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        MqttTopics.DeviceTopic t = MqttTopics.parse(topic);
        if (t == null) {
            ingest.countRejected(Transport.MQTT, Rejection.BAD_ADDRESS);
            REJECTIONS.warn("MQTT message on '{}' dropped: not telemetry/{{tenant}}/{{deviceId}} or event/...", topic);
            return null;
        }
        try {
            return ingest.check(Transport.MQTT, t.channel(), t.tenant(), t.deviceId(),
                    contentFormat(publish), publish.getPayloadAsBytes(), System.currentTimeMillis());
        } catch (RejectedException e) {
            REJECTIONS.warn("MQTT message on '{}' dropped ({}): {}", topic, e.reason().label(), e.getMessage());
            return null;
        }
    }

    /** MQTT 5 publishers may name the format; otherwise the payload's shape decides (see PayloadDecoders). */
    private static int contentFormat(Mqtt5Publish publish) {
        return publish.getContentType().map(t -> PayloadDecoders.formatOfContentType(t.toString())).orElse(PayloadDecoders.NONE);
    }

    @Override
    public Future<?> stop() {
        if (client == null || !client.getState().isConnectedOrReconnect()) {
            return Future.succeededFuture();
        }
        // not acknowledged: the broker delivers what is still held to the session's next connection
        return Future.fromCompletionStage(client.disconnect()).recover(e -> Future.succeededFuture());
    }
}
