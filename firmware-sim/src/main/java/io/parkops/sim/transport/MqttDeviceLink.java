package io.parkops.sim.transport;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.parkops.model.Channel;
import io.parkops.sim.SimDevice;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A device with its own MQTT 5 connection, as real firmware has: client id and user name
 * {@code {deviceId}@{tenant}}, its password, QoS 1 telemetry to {@code telemetry/{tenant}/{deviceId}}.
 * The HiveMQ client reconnects by itself with back-off after the broker or network drops.
 */
final class MqttDeviceLink implements DeviceLink {

    private static final long CONNECT_TIMEOUT_SECONDS = 15;

    private final Mqtt5AsyncClient client;
    private final String topic;
    private final String broker;
    private final String commandTopics;
    private volatile boolean closed;
    private volatile CommandHandler commands;
    private volatile Consumer<Boolean> connectedListener;
    private int connections;

    MqttDeviceLink(String host, int port, InetAddress localAddress, SimDevice device) {
        this.topic = Channel.TELEMETRY.pathSegment() + '/' + device.tenant() + '/' + device.deviceId();
        this.broker = host + ':' + port;
        this.commandTopics = "command/" + device.tenant() + '/' + device.deviceId() + '/';
        this.client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(device.authId())
                .transportConfig(transport(host, port, localAddress))
                .automaticReconnect()
                    .initialDelay(1, TimeUnit.SECONDS)
                    .maxDelay(30, TimeUnit.SECONDS)
                    .applyAutomaticReconnect()
                .simpleAuth()
                    .username(device.authId())
                    .password(device.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                .addDisconnectedListener(context -> {
                    if (closed) {
                        context.getReconnector().reconnect(false);
                    }
                })
                .addConnectedListener(context -> {
                    if (closed) {
                        client().disconnect();
                    } else {
                        subscribeCommands(); // a clean-start session has no subscriptions after a reconnect
                        connections++;
                        var listener = connectedListener;
                        if (listener != null) {
                            listener.accept(connections > 1);
                        }
                    }
                })
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::onCommand);
    }

    @Override
    public void onCommand(CommandHandler handler) {
        this.commands = handler;
        if (client.getState().isConnected()) {
            subscribeCommands();
        }
    }

    /** Binds the connection to {@code localAddress} when given, to spread source ports over 127.x.y.z. */
    private static MqttClientTransportConfig transport(String host, int port, InetAddress localAddress) {
        var builder = MqttClientTransportConfig.builder().serverHost(host).serverPort(port);
        return (localAddress == null ? builder : builder.localAddress(localAddress)).build();
    }

    @Override
    public void onConnected(Consumer<Boolean> reconnected) {
        this.connectedListener = reconnected;
    }

    private void subscribeCommands() {
        if (commands != null) {
            client.subscribeWith().topicFilter(commandTopics + "req/#").qos(MqttQos.AT_LEAST_ONCE).send();
        }
    }

    /** {@code command/{tenant}/{deviceId}/req/{reqId}/{name}}: obey, then answer on {@code .../res/{reqId}/{status}}. */
    private void onCommand(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        CommandHandler handler = commands;
        if (handler == null || !topic.startsWith(commandTopics + "req/")) {
            return;
        }
        String[] rest = topic.substring(commandTopics.length() + 4).split("/", -1);
        if (rest.length != 2) {
            return;
        }
        int status = handler.handle(rest[1], new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
        client.publishWith().topic(commandTopics + "res/" + rest[0] + '/' + status).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    private Mqtt5AsyncClient client() {
        return client;
    }

    /**
     * Waits for the first CONNACK at most {@value #CONNECT_TIMEOUT_SECONDS} s; with automatic
     * reconnect the client's own future only completes once a connection succeeds. The timeout
     * goes on a copy so the client's future is left alone.
     */
    @Override
    public Future<Void> open() {
        return Future.fromCompletionStage(client.connectWith()
                        .cleanStart(true)
                        .keepAlive(60)
                        .send()
                        .copy()
                        .orTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .<Void>mapEmpty()
                .recover(cause -> Future.failedFuture(cause instanceof TimeoutException
                        ? new TimeoutException("no CONNACK from " + broker + " within " + CONNECT_TIMEOUT_SECONDS + " s")
                        : cause));
    }

    @Override
    public boolean ready() {
        return client.getState().isConnected();
    }

    @Override
    public Future<Void> sendTelemetry(byte[] json) {
        return Future.fromCompletionStage(client.publishWith()
                        .topic(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .contentType("application/json")
                        .payload(json)
                        .send())
                .compose(MqttDeviceLink::checkAccepted);
    }

    private static String reasonCode(Mqtt5PublishResult result) {
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1) {
            return String.format("MQTT 0x%02X", qos1.getPubAck().getReasonCode().getCode());
        }
        return "MQTT";
    }

    private static Future<Void> checkAccepted(Mqtt5PublishResult result) {
        return result.getError()
                .<Future<Void>>map(error -> Future.failedFuture(new RejectedException(reasonCode(result),
                        "MQTT publish refused: " + error.getMessage(), -1)))
                .orElseGet(Future::succeededFuture);
    }

    /**
     * Disconnects when connected. A client waiting to reconnect cannot be disconnected (HiveMQ
     * answers "not connected"), so the listeners above stop it: the next failed attempt ends
     * the reconnecting, and a connection that still succeeds is closed at once.
     */
    @Override
    public Future<Void> close() {
        closed = true;
        if (!client.getState().isConnected()) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(client.disconnect().copy().orTimeout(5, TimeUnit.SECONDS)).otherwiseEmpty();
    }
}
