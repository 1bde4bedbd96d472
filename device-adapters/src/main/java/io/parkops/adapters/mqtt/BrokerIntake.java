package io.parkops.adapters.mqtt;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.parkops.adapters.codec.PayloadDecoders;
import io.parkops.adapters.ingest.DurableHandOff;
import io.parkops.adapters.ingest.HandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.ingest.ThrottledLog;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.vertx.core.Context;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device telemetry and events inside the embedded broker, as HiveMQ reads each PUBLISH
 * (a publish inbound interceptor), instead of having the broker queue them, persist them and
 * deliver them again to a ParkOps subscriber. A QoS 1 message is answered with PUBACK only once
 * it is durable: the interceptor goes asynchronous, and {@link DurableHandOff} resumes it when
 * the writer has the points in InfluxDB or the spool. HiveMQ handles one message of a client at a
 * time while it waits, so each device's messages stay in order and a fast device is slowed down.
 *
 * <p>Refused messages never reach the twins: an MQTT 5 device gets the reason code and text on
 * its PUBACK; an MQTT 3.1.1 device gets a plain PUBACK (its protocol has no way to say no) and the
 * refusal is counted and logged, except for a topic it may not use, for which HiveMQ disconnects it.
 * Other topics (command responses, alerts) pass untouched to the broker's routing.
 */
public final class BrokerIntake implements PublishInboundInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerIntake.class);
    private static final ThrottledLog REJECTIONS = new ThrottledLog(LOG, 1000);

    private final TelemetryIngest ingest;
    private final PublishGuard guard;
    private final Context context;
    private final DurableHandOff handOff;
    private final Duration storeTimeout;
    private final String timeoutText;

    /**
     * @param context      the intake verticle's context (its Vert.x carries QoS 0 messages on)
     * @param storeTimeout how long a PUBACK may wait for its message to be stored; after it the device is
     *                     told to send again (MQTT 5: reason "unspecified error"; MQTT 3.1.1: disconnected)
     */
    BrokerIntake(TelemetryIngest ingest, PublishGuard guard, Context context, DurableHandOff handOff, Duration storeTimeout) {
        this.ingest = ingest;
        this.guard = guard;
        this.context = context;
        this.handOff = handOff;
        this.storeTimeout = storeTimeout;
        this.timeoutText = "not stored within " + storeTimeout.toSeconds() + " s; publish it again";
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        PublishPacket packet = input.getPublishPacket();
        String topic = packet.getTopic();
        MqttTopics.DeviceTopic address = MqttTopics.parse(topic);
        if (address == null) {
            if (MqttTopics.looksLikeDeviceData(topic)) {
                ingest.countRejected(Transport.MQTT, Rejection.BAD_ADDRESS);
                refuse(input, output, Rejection.BAD_ADDRESS, "'" + topic + "' is not telemetry/{tenant}/{deviceId} or event/...");
            }
            return;
        }
        String refusal = guard.refusal(input, topic);
        if (refusal != null) {
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, refusal);
            return;
        }
        Telemetry telemetry;
        try {
            telemetry = ingest.check(Transport.MQTT, address.channel(), address.tenant(), address.deviceId(),
                    packet.getContentType().map(PayloadDecoders::formatOfContentType).orElse(PayloadDecoders.NONE),
                    bytes(packet), System.currentTimeMillis());
        } catch (RejectedException e) {
            refuse(input, output, e.reason(), e.getMessage());
            return;
        }
        if (packet.getQos() == Qos.AT_MOST_ONCE) {
            handOnAtMostOnce(input, output, telemetry);
            return;
        }
        Async<PublishInboundOutput> waiting = output.async(storeTimeout, TimeoutFallback.FAILURE, AckReasonCode.UNSPECIFIED_ERROR,
                timeoutText);
        handOff.offer(telemetry, new Pending(waiting));
    }

    /** QoS 0 has nobody to slow down: it is handed on while there is room and dropped (counted) when there is none. */
    private void handOnAtMostOnce(PublishInboundInput input, PublishInboundOutput output, Telemetry telemetry) {
        String full = ingest.gate().tryEnter();
        if (full != null) {
            ingest.countRejected(Transport.MQTT, Rejection.OVERLOADED);
            refuse(input, output, Rejection.OVERLOADED, "overloaded: " + full);
            return;
        }
        ingest.admitted(telemetry);
        HandOff.send(context.owner().eventBus(), telemetry);
        output.preventPublishDelivery();
    }

    private static void refuse(PublishInboundInput input, PublishInboundOutput output, Rejection reason, String text) {
        REJECTIONS.warn("MQTT message on '{}' from '{}' dropped ({}): {}", input.getPublishPacket().getTopic(),
                input.getClientInformation().getClientId(), reason.label(), text);
        if (input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5) {
            output.preventPublishDelivery(reasonCode(reason), text);
        } else {
            output.preventPublishDelivery(); // a non-success code would disconnect an MQTT 3.1.1 device
        }
    }

    static AckReasonCode reasonCode(Rejection reason) {
        return switch (reason) {
            case MALFORMED, TOO_LARGE, UNSUPPORTED_FORMAT -> AckReasonCode.PAYLOAD_FORMAT_INVALID;
            case BAD_ADDRESS -> AckReasonCode.TOPIC_NAME_INVALID;
            case UNKNOWN_TENANT, UNKNOWN_DEVICE -> AckReasonCode.NOT_AUTHORIZED;
            case OVERLOADED, RATE_LIMITED -> AckReasonCode.QUOTA_EXCEEDED;
        };
    }

    private static byte[] bytes(PublishPacket packet) {
        ByteBuffer payload = packet.getPayload().orElse(null);
        if (payload == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return bytes;
    }

    /** A PUBACK waiting for its message to be stored. */
    private record Pending(Async<PublishInboundOutput> async) implements DurableHandOff.Sender {
        @Override
        public void durable() {
            if (async.getStatus() == Async.Status.RUNNING) {
                async.getOutput().preventPublishDelivery(); // taken: the broker only sends the PUBACK
                async.resume();
            }
        }

        @Override
        public boolean gaveUp() {
            return async.getStatus() != Async.Status.RUNNING;
        }
    }
}
