package io.parkops.adapters.mqtt.endpoint;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.parkops.adapters.codec.PayloadDecoders;
import io.parkops.adapters.command.CommandTopics;
import io.parkops.adapters.ingest.HandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.mqtt.MqttTopics;
import io.parkops.adapters.mqtt.auth.TopicGuard;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.function.Consumer;

/**
 * What the endpoint does with one PUBLISH, in the order the embedded broker's intake does it: a
 * malformed device topic is refused (0x90), a topic the client may not use is refused (0x87), then
 * telemetry and events go through {@link TelemetryIngest#check} and the {@link HandOff} (QoS 1 is
 * held and paced, its PUBACK waiting for the store; QoS 0 is handed on now or dropped and counted),
 * and a command answer ({@code command/{t}/{d}/res/{reqId}/{status}}) is taken as CoAP's is.
 */
final class InboundPublish {

    private final TelemetryIngest ingest;
    private final HandOff handOff;
    private final TopicGuard guard;
    private final Consumer<CommandTopics.Response> commandAnswers;

    /** {@code commandAnswers} takes a device's answer to a command (it is acknowledged at once). */
    InboundPublish(TelemetryIngest ingest, HandOff handOff, TopicGuard guard, Consumer<CommandTopics.Response> commandAnswers) {
        this.ingest = ingest;
        this.handOff = handOff;
        this.guard = guard;
        this.commandAnswers = commandAnswers;
    }

    /** Takes {@code message} from {@code from}; {@code slot} is its place in the PUBACK line, null for QoS 0. */
    void take(DeviceConnection from, MqttPublishMessage message, AckQueue.Slot<PubAckOutcome> slot) {
        String topic = message.topicName();
        MqttTopics.DeviceTopic address = MqttTopics.parse(topic);
        if (address == null && MqttTopics.looksLikeDeviceData(topic)) {
            badAddress(from, slot, topic, "'" + topic + "' is not telemetry/{tenant}/{deviceId} or event/...");
            return;
        }
        String refusal = guard.publishRefusal(from.who(), from.name(), topic);
        if (refusal != null) {
            from.refuse(slot, PubAckOutcome.denied(refusal), topic);
        } else if (address != null) {
            telemetry(from, message, address, slot);
        } else if (topic.startsWith("command/")) {
            commandAnswer(from, topic, slot);
        } else if (slot != null) {
            from.settle(slot, PubAckOutcome.STORED); // an unrestricted lab client's other topic: this endpoint is no general broker
        }
    }

    private void telemetry(DeviceConnection from, MqttPublishMessage message, MqttTopics.DeviceTopic address,
                           AckQueue.Slot<PubAckOutcome> slot) {
        boolean atMostOnce = slot == null;
        IngestContext context = atMostOnce ? IngestContext.bestEffort(System.nanoTime())
                : handOff.contextFor(Transport.MQTT, from.answerFor(slot, message.topicName()));
        try {
            Telemetry telemetry = ingest.check(Transport.MQTT, address.channel(), address.tenant(), address.deviceId(),
                    contentFormat(message), message.payload().getBytes(), System.currentTimeMillis(), context);
            if (atMostOnce) {
                handOff.offerNow(telemetry); // QoS 0 has nobody to slow down: handed on now, or refused and counted
            } else {
                handOff.offer(telemetry);
            }
        } catch (RejectedException e) {
            if (atMostOnce) {
                from.refuse(null, PubAckOutcome.refused(e.reason(), e.getMessage()), message.topicName());
            } else {
                context.refused(e.reason(), e.getMessage());
            }
        }
    }

    private void commandAnswer(DeviceConnection from, String topic, AckQueue.Slot<PubAckOutcome> slot) {
        CommandTopics.Response response = CommandTopics.parseResponse(topic);
        if (response == null) {
            badAddress(from, slot, topic, "'" + topic + "' is not command/{tenant}/{deviceId}/res/{reqId}/{status}");
            return;
        }
        commandAnswers.accept(response);
        if (slot != null) {
            from.settle(slot, PubAckOutcome.STORED);
        }
    }

    private void badAddress(DeviceConnection from, AckQueue.Slot<PubAckOutcome> slot, String topic, String text) {
        ingest.countRejected(Transport.MQTT, Rejection.BAD_ADDRESS);
        from.refuse(slot, PubAckOutcome.refused(Rejection.BAD_ADDRESS, text), topic);
    }

    /** The MQTT 5 content type as a CoAP content format, or none (the payload's shape decides). */
    private static int contentFormat(MqttPublishMessage message) {
        MqttProperties.MqttProperty<?> type = message.properties() == null ? null
                : message.properties().getProperty(MqttProperties.CONTENT_TYPE);
        return type == null || type.value() == null ? PayloadDecoders.NONE : PayloadDecoders.formatOfContentType(type.value().toString());
    }
}
