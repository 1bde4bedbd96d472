package io.parkops.adapters.mqtt.endpoint;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.parkops.model.log.ThrottledLog;
import io.parkops.adapters.mqtt.auth.MqttClientIdentity;
import io.parkops.adapters.security.DeviceLogin;
import io.parkops.model.Rejection;
import io.parkops.model.flow.IngestContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in MQTT connection. It owes its client a PUBACK per QoS 1 message, in the order the
 * PUBLISHes came, each once that message ended ({@link AckQueue}); many may be on their way at once.
 * When as many wait as the receive maximum, it stops reading the socket until PUBACKs went out, so a
 * flood is held by TCP and the client, not by ParkOps. A PUBACK not decided within the store timeout
 * tells the client to send again (MQTT 5 0x80; MQTT 3.1.1 closed). Everything here runs on the
 * connection's event loop; outcomes from other threads hop onto it.
 */
final class DeviceConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, 1000);

    private final MqttEndpoint endpoint;
    private final Context context;
    private final MqttClientIdentity who;
    private final ConnectionServices services;
    private final AckQueue<PubAckOutcome> acks = new AckQueue<>();
    private final SocketFlow flow;
    private final PubAckOutcome timedOut;
    private boolean closed;
    private Runnable closedAction = () -> { };

    /** {@code who} null: an unrestricted client (PARKOPS_MQTT_ALLOW_UNAUTHENTICATED). */
    DeviceConnection(MqttEndpoint endpoint, Context context, MqttClientIdentity who, ConnectionServices services) {
        this.endpoint = endpoint;
        this.context = context;
        this.who = who;
        this.services = services;
        this.flow = SocketFlow.of(endpoint);
        this.timedOut = PubAckOutcome.refused(Rejection.NOT_STORED,
                "not stored within " + services.storeTimeout().toSeconds() + " s; publish it again");
    }

    /** Sends the CONNACK and starts serving the client. */
    void open(MqttProperties connack) {
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        endpoint.subscribeHandler(this::onSubscribe);
        endpoint.unsubscribeHandler(this::onUnsubscribe);
        endpoint.exceptionHandler(e -> LOG.debug("MQTT connection of '{}': {}", name(), e.toString()));
        endpoint.closeHandler(v -> onClose());
        services.live().add(this);
        endpoint.accept(false, isV5() ? connack : MqttProperties.NO_PROPERTIES);
    }

    MqttClientIdentity who() {
        return who;
    }

    /** The client id, for log lines (made printable there). */
    String name() {
        return endpoint.clientIdentifier();
    }

    boolean isV5() {
        return endpoint.protocolVersion() >= 5;
    }

    private void onPublish(MqttPublishMessage message) {
        if (message.qosLevel() == MqttQoS.AT_MOST_ONCE) {
            services.inbound().take(this, message, null);
            return;
        }
        if (message.qosLevel() != MqttQoS.AT_LEAST_ONCE) {
            LOG.warn("MQTT client '{}' sent QoS 2, which this endpoint does not offer; closing", DeviceLogin.printable(name()));
            close();
            return;
        }
        AckQueue.Slot<PubAckOutcome> slot = acks.add(message.messageId(), System.nanoTime());
        if (acks.size() >= services.receiveMaximum()) {
            flow.pause(); // resumed once PUBACKs went out
        }
        services.inbound().take(this, message, slot);
    }

    /** The device's answer for the QoS 1 message on {@code topic} in {@code slot}; called once, from any thread. */
    IngestContext.Answer answerFor(AckQueue.Slot<PubAckOutcome> slot, String topic) {
        return new IngestContext.Answer() {
            @Override
            public void stored() {
                settle(slot, PubAckOutcome.STORED);
            }

            @Override
            public void refused(Rejection reason, String text) {
                refuse(slot, PubAckOutcome.refused(reason, text), topic);
            }

            @Override
            public boolean gaveUp() {
                return slot.settled(); // timed out or closed: handing it on now would store what the client sends again
            }
        };
    }

    /** Ends a message as refused ({@code slot} null for QoS 0), logged at most once a second. */
    void refuse(AckQueue.Slot<PubAckOutcome> slot, PubAckOutcome outcome, String topic) {
        REFUSALS.warn("MQTT message on '{}' from '{}' refused ({}): {}", DeviceLogin.printable(topic), DeviceLogin.printable(name()),
                outcome.reason(), outcome.text());
        if (slot != null) {
            settle(slot, outcome);
        } else if (!isV5() && outcome.kind() == PubAckOutcome.Kind.DENIED) {
            runHere(this::close); // as HiveMQ does for MQTT 3.1.1: a forbidden topic ends the connection
        }
    }

    /** Ends a QoS 1 message; from any thread. */
    void settle(AckQueue.Slot<PubAckOutcome> slot, PubAckOutcome outcome) {
        runHere(() -> {
            if (acks.settle(slot, outcome)) {
                sendReady();
            }
        });
    }

    private void runHere(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private void sendReady() {
        for (AckQueue.Slot<PubAckOutcome> slot : acks.takeReady()) {
            if (closed || !acknowledge(slot.messageId(), slot.outcome())) {
                return;
            }
        }
        if (acks.size() < services.receiveMaximum()) {
            flow.resume();
        }
    }

    /** Sends one PUBACK; false when the connection was closed instead (MQTT 3.1.1 refusals). */
    private boolean acknowledge(int messageId, PubAckOutcome outcome) {
        if (outcome.kind() == PubAckOutcome.Kind.STORED) {
            endpoint.publishAcknowledge(messageId);
        } else if (isV5()) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, outcome.text()));
            endpoint.publishAcknowledge(messageId, MqttPubAckReasonCode.valueOf(outcome.reason().code()), properties);
        } else if (outcome.closesV311()) {
            close(); // MQTT 3.1.1 has no negative PUBACK: unacknowledged, the client sends it again
            return false;
        } else {
            endpoint.publishAcknowledge(messageId); // never storable (counted): a resend would be refused for ever
        }
        return true;
    }

    /**
     * Tells the client to send again what waited longer than the store timeout. The endpoint calls
     * it for every connection once a second (one timer, not one per connection); from any thread.
     */
    void expireWaiting() {
        runHere(this::expireWaitingHere);
    }

    private void expireWaitingHere() {
        if (closed || acks.size() == 0) {
            return;
        }
        int expired = acks.expire(System.nanoTime(), services.storeTimeout().toNanos(), timedOut);
        if (expired > 0) {
            REFUSALS.warn("MQTT client '{}': {} messages not stored within {}; told to send them again", DeviceLogin.printable(name()),
                    expired, services.storeTimeout());
            sendReady();
        }
    }

    private void onSubscribe(MqttSubscribeMessage message) {
        List<MqttSubAckReasonCode> codes = new ArrayList<>();
        Map<String, Integer> granted = new LinkedHashMap<>();
        for (var subscription : message.topicSubscriptions()) {
            String filter = subscription.topicName();
            String refusal = services.guard().subscribeRefusal(who, name(), filter);
            if (refusal == null && TopicFilter.isValid(filter)) {
                int qos = Math.min(1, subscription.qualityOfService().value()); // QoS 1 at most: no QoS 2 here
                services.subscriptions().add(this, filter, qos);
                codes.add(MqttSubAckReasonCode.qosGranted(MqttQoS.valueOf(qos)));
                granted.put(filter, qos);
            } else {
                codes.add(!isV5() ? MqttSubAckReasonCode.UNSPECIFIED_ERROR // 0x80, MQTT 3.1.1's "failure"
                        : refusal == null ? MqttSubAckReasonCode.TOPIC_FILTER_INVALID : MqttSubAckReasonCode.NOT_AUTHORIZED);
            }
        }
        endpoint.subscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
        granted.forEach((filter, qos) -> services.outbound().subscribed(this, filter, qos)); // after the SUBACK: commands waiting for it
    }

    private void onUnsubscribe(MqttUnsubscribeMessage message) {
        message.topics().forEach(filter -> services.subscriptions().remove(this, filter));
        if (isV5()) {
            endpoint.unsubscribeAcknowledge(message.messageId(),
                    Collections.nCopies(message.topics().size(), MqttUnsubAckReasonCode.SUCCESS), MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.unsubscribeAcknowledge(message.messageId());
        }
    }

    /** Publishes a command or an alert to this client; a failure is only logged (nothing is queued for it). */
    void deliver(String topic, String payload, int qos) {
        if (closed) {
            return;
        }
        endpoint.publish(topic, Buffer.buffer(payload), MqttQoS.valueOf(qos), false, false)
                .onFailure(e -> LOG.warn("MQTT publish of '{}' to '{}' failed: {}", topic, DeviceLogin.printable(name()), e.toString()));
    }

    void close() {
        if (!closed && endpoint.isConnected()) {
            endpoint.close();
        }
        onClose();
    }

    /**
     * Another connection signed in with this one's client id (a device back after a network cut
     * whose old connection is half open): the old one ends, as the MQTT spec says (MQTT 5 with
     * reason 0x8E "session taken over"). What it still owed PUBACKs for, the client sends again.
     */
    void takenOver() {
        if (!closed && endpoint.isConnected() && isV5()) {
            endpoint.disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, MqttProperties.NO_PROPERTIES);
        }
        close();
    }

    /** Called once when the connection ends, on its context (after what was given before). */
    void whenClosed(Runnable action) {
        Runnable before = closedAction;
        this.closedAction = () -> {
            before.run();
            action.run();
        };
    }

    private void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        acks.abandonAll(PubAckOutcome.ABANDONED); // their messages are not handed on any more: the client sends them again
        services.subscriptions().removeAll(this);
        services.live().remove(this);
        closedAction.run();
    }
}
