package io.parkops.adapters.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.parkops.adapters.codec.PayloadDecoders;
import io.parkops.adapters.ingest.HandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.model.log.ThrottledLog;
import io.parkops.model.Channel;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
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
 * <p>Acknowledgement is manual: a message is acknowledged to the broker when its points are written
 * to InfluxDB or synced to the disk spool (its {@link IngestContext} ends stored), or at once when
 * it can never be stored (malformed, unknown device: dropped and counted). A message refused for
 * the platform's sake (its points could not be stored, its device far over its rate) is handed on
 * again after the gate's retry interval, up to {@value #TRIES} times, and only then dropped, loudly
 * (logged, and counted in {@code parkops_messages_given_up_total}).
 * The broker sends at most {@code receiveMaximum} unacknowledged messages (MQTT 5 flow control),
 * so when the ingest gate is shut the ingress holds at most that many ({@link HandOff}) and the
 * broker keeps the rest: it slows down instead of buffering. (The broker, not ParkOps, acknowledged
 * the device; what ParkOps promises here is to the broker's session.)
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
    private HandOff handOff;
    /** How often a message refused for the platform's sake is handed on before it is dropped. */
    static final int TRIES = 3;

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
        HandOff h = handOff;
        return h == null ? 0 : h.waiting();
    }

    @Override
    public Future<?> start() {
        handOff = new HandOff(context, ingest, "MQTT ingress");
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
        return Future.fromCompletionStage(client.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(config.sessionExpirySeconds())
                        .restrictions().receiveMaximum(config.receiveMaximum()).applyRestrictions()
                        .send())
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

    /** Messages that can never be stored are acknowledged at once (dropped and counted); good ones once stored. */
    private void onPublish(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        MqttTopics.DeviceTopic t = MqttTopics.parse(topic);
        if (t == null) {
            ingest.countRejected(Transport.MQTT, Rejection.BAD_ADDRESS);
            REJECTIONS.warn("MQTT message on '{}' dropped: not telemetry/{{tenant}}/{{deviceId}} or event/...", topic);
            publish.acknowledge();
            return;
        }
        BrokerAck answer = new BrokerAck(publish, 1);
        try {
            answer.telemetry = ingest.check(Transport.MQTT, t.channel(), t.tenant(), t.deviceId(), contentFormat(publish),
                    publish.getPayloadAsBytes(), System.currentTimeMillis(), handOff.contextFor(Transport.MQTT, answer));
        } catch (RejectedException e) {
            answer.refused(e.reason(), e.getMessage());
            return;
        }
        handOff.offer(answer.telemetry);
    }

    /** The broker's acknowledgement of one message, sent once it is stored. */
    private final class BrokerAck implements IngestContext.Answer {
        private final Mqtt5Publish publish;
        private final int attempt;
        private volatile Telemetry telemetry;

        BrokerAck(Mqtt5Publish publish, int attempt) {
            this.publish = publish;
            this.attempt = attempt;
        }

        @Override
        public void stored() {
            publish.acknowledge();
        }

        @Override
        public void refused(Rejection reason, String text) {
            Telemetry taken = telemetry;
            if (reason.isTransient() && taken != null && attempt < TRIES) {
                REJECTIONS.warn("MQTT message on '{}' not taken ({}), handing it on again in {} s: {}", publish.getTopic(),
                        reason.label(), ingest.gate().retryAfterSeconds(), text);
                context.runOnContext(v -> vertx.setTimer(ingest.gate().retryAfterSeconds() * 1000L, id -> again(taken)));
                return;
            }
            if (reason.isTransient()) {
                ingest.countGivenUp(Transport.MQTT);
                LOG.error("MQTT message on '{}' dropped after {} tries ({}): {}", publish.getTopic(), attempt, reason.label(), text);
            } else {
                REJECTIONS.warn("MQTT message on '{}' dropped ({}): {}", publish.getTopic(), reason.label(), text);
            }
            publish.acknowledge();
        }

        private void again(Telemetry taken) {
            BrokerAck next = new BrokerAck(publish, attempt + 1);
            next.telemetry = new Telemetry(taken.device(), taken.channel(), taken.transport(), taken.timestamp(),
                    taken.receivedAt(), taken.features(), handOff.contextFor(Transport.MQTT, next));
            handOff.offer(next.telemetry);
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
