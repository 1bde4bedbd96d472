package io.parkops.adapters.command;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.parkops.adapters.mqtt.MqttIngressConfig;
import io.parkops.model.Addresses;
import io.parkops.model.command.CommandState;
import io.parkops.model.command.CommandUpdate;
import io.parkops.model.command.DeviceCommand;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link DeviceCommand}s: published at once over MQTT (QoS 1) and parked for the
 * device's next CoAP request, whichever transport the device uses. Device answers on
 * {@code command/+/+/res/#} (shared subscription) become {@link CommandUpdate}s.
 *
 * <p>Two ways to MQTT devices: a broker (the embedded HiveMQ or an external one), which this verticle
 * publishes to as a client and reads answers from; or the platform's own Vert.x endpoint
 * ({@link #toEndpoint}), which gets the command on {@link Addresses#COMMAND_TO_MQTT_ENDPOINT}, publishes
 * it to the subscribed connections, and takes the answers itself.
 */
public final class CommandDeliveryVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDeliveryVerticle.class);

    private final MqttIngressConfig config;
    private final PendingCommands pending;
    private Mqtt5AsyncClient client;
    private String loginUser;
    private byte[] loginPassword;

    /** Commands for MQTT devices go to the platform's own endpoint on the event bus; no broker client. */
    public static CommandDeliveryVerticle toEndpoint(PendingCommands pending) {
        return new CommandDeliveryVerticle(null, pending);
    }

    /** {@code config} names the broker; the client id gets a {@code -cmd} suffix. */
    public CommandDeliveryVerticle(MqttIngressConfig config, PendingCommands pending) {
        this.config = config;
        this.pending = pending;
    }

    /** Signs in to the broker with this username and password (the embedded broker's service login); call before deploying. */
    public CommandDeliveryVerticle withLogin(String username, byte[] password) {
        this.loginUser = username;
        this.loginPassword = password == null ? null : password.clone();
        return this;
    }

    @Override
    public Future<?> start() {
        if (config == null) {
            vertx.eventBus().<DeviceCommand>localConsumer(Addresses.COMMAND_SEND, msg -> {
                pending.offer(msg.body()); // kept for CoAP and for the device's next subscription until answered
                vertx.eventBus().send(Addresses.COMMAND_TO_MQTT_ENDPOINT, msg.body());
            });
            return Future.succeededFuture();
        }
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(config.clientId() + "-cmd")
                .serverHost(config.host())
                .serverPort(config.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS).applyAutomaticReconnect();
        if (loginUser != null) {
            builder = builder.simpleAuth().username(loginUser).password(loginPassword).applySimpleAuth();
        }
        client = builder.buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::onResponse);
        vertx.eventBus().<DeviceCommand>localConsumer(Addresses.COMMAND_SEND, msg -> deliver(msg.body()));
        return Future.fromCompletionStage(client.connectWith().cleanStart(false).sessionExpiryInterval(3600).send())
                .compose(ack -> Future.fromCompletionStage(client.subscribeWith()
                        .topicFilter(CommandTopics.sharedResponseFilter(config.shareGroup()))
                        .qos(MqttQos.AT_LEAST_ONCE).send()))
                .onSuccess(s -> LOG.info("command delivery ready: MQTT responses on {}",
                        CommandTopics.sharedResponseFilter(config.shareGroup())));
    }

    private void deliver(DeviceCommand command) {
        pending.offer(command);
        client.publishWith().topic(CommandTopics.request(command)).qos(MqttQos.AT_LEAST_ONCE)
                .payload(command.payload().getBytes(StandardCharsets.UTF_8))
                .contentType("application/json")
                .messageExpiryInterval(Math.max(1, (command.expiresAt() - System.currentTimeMillis()) / 1000))
                .send()
                .whenComplete((result, error) -> {
                    if (error != null) {
                        LOG.warn("command {} to {} not published: {}", command.reqId(), command.thingId(), error.getMessage());
                        return;
                    }
                    vertx.eventBus().send(Addresses.COMMAND_UPDATE, new CommandUpdate(command.thingId(), command.reqId(),
                            CommandState.SENT, 0, "published over MQTT"));
                });
    }

    private void onResponse(Mqtt5Publish publish) {
        CommandTopics.Response response = CommandTopics.parseResponse(publish.getTopic().toString());
        if (response == null) {
            LOG.warn("command response on '{}' ignored: not command/{{tenant}}/{{deviceId}}/res/{{reqId}}/{{status}}",
                    publish.getTopic());
            return;
        }
        pending.answered(response.thingId(), response.reqId());
        vertx.eventBus().send(Addresses.COMMAND_UPDATE,
                CommandUpdate.answered(response.thingId(), response.reqId(), response.status(), "MQTT"));
    }

    @Override
    public Future<?> stop() {
        if (client == null || !client.getState().isConnectedOrReconnect()) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(client.disconnect()).recover(e -> Future.succeededFuture());
    }
}
