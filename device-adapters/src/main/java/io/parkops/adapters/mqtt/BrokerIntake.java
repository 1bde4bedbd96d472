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
import io.parkops.adapters.ingest.HandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.model.log.ThrottledLog;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device telemetry and events inside the embedded broker, as HiveMQ reads each PUBLISH
 * (a publish inbound interceptor), instead of having the broker queue them, persist them and
 * deliver them again to a ParkOps subscriber. A QoS 1 message is answered with PUBACK only once
 * it is stored: the interceptor goes asynchronous, and the message's {@link IngestContext} resumes
 * it when the writer has the points in InfluxDB or the spool. HiveMQ handles one message of a
 * client at a time while it waits, so each device's messages stay in order, and a device over its
 * rate is slowed down (its PUBACK waits, see {@link HandOff#offer}) instead of losing messages.
 *
 * <p>Refused messages never reach the twins. An MQTT 5 device gets the reason code and text on its
 * PUBACK. An MQTT 3.1.1 device cannot be told why: a message that can never be stored (malformed,
 * unknown device) gets a plain PUBACK and is counted and logged, so the device does not resend it
 * for ever; a message refused for the platform's sake (overload, far over its rate, not stored) is
 * never acknowledged: the broker disconnects the device, which sends it again after reconnecting.
 * A topic it may not use gets HiveMQ's own refusal. Other topics (command responses, alerts) pass
 * untouched to the broker's routing.
 */
public final class BrokerIntake implements PublishInboundInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerIntake.class);
    private static final ThrottledLog REJECTIONS = new ThrottledLog(LOG, 1000);

    private final TelemetryIngest ingest;
    private final PublishGuard guard;
    private final HandOff handOff;
    private final Duration storeTimeout;
    private final String timeoutText;

    /**
     * @param storeTimeout how long a PUBACK may wait for its message to be stored; after it the device is
     *                     told to send again (MQTT 5: reason "unspecified error"; MQTT 3.1.1: disconnected)
     */
    BrokerIntake(TelemetryIngest ingest, PublishGuard guard, HandOff handOff, Duration storeTimeout) {
        this.ingest = ingest;
        this.guard = guard;
        this.handOff = handOff;
        this.storeTimeout = storeTimeout;
        this.timeoutText = "not stored within " + storeTimeout.toSeconds() + " s; publish it again";
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        PublishPacket packet = input.getPublishPacket();
        String topic = packet.getTopic();
        MqttTopics.DeviceTopic address = MqttTopics.parse(topic);
        boolean atMostOnce = packet.getQos() == Qos.AT_MOST_ONCE;
        PubAck answer = new PubAck(input, output, atMostOnce);
        if (address == null) {
            if (MqttTopics.looksLikeDeviceData(topic)) {
                ingest.countRejected(Transport.MQTT, Rejection.BAD_ADDRESS);
                answer.refused(Rejection.BAD_ADDRESS, "'" + topic + "' is not telemetry/{tenant}/{deviceId} or event/...");
            }
            return;
        }
        String refusal = guard.refusal(input, topic);
        if (refusal != null) {
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, refusal);
            return;
        }
        IngestContext context = atMostOnce ? IngestContext.bestEffort(System.nanoTime()) : handOff.contextFor(Transport.MQTT, answer);
        try {
            Telemetry telemetry = ingest.check(Transport.MQTT, address.channel(), address.tenant(), address.deviceId(),
                    packet.getContentType().map(PayloadDecoders::formatOfContentType).orElse(PayloadDecoders.NONE),
                    bytes(packet), System.currentTimeMillis(), context);
            if (atMostOnce) {
                handOff.offerNow(telemetry); // QoS 0 has nobody to slow down: handed on now, or refused and counted
                output.preventPublishDelivery();
                return;
            }
            answer.waitForStorage(output.async(storeTimeout, TimeoutFallback.FAILURE, AckReasonCode.UNSPECIFIED_ERROR, timeoutText));
            handOff.offer(telemetry);
        } catch (RejectedException e) {
            if (atMostOnce) {
                answer.refused(e.reason(), e.getMessage());
            } else {
                context.refused(e.reason(), e.getMessage());
            }
        }
    }

    static AckReasonCode reasonCode(Rejection reason) {
        return AckReasonCode.valueOf(PubAckReason.of(reason).name()); // HiveMQ names the codes as MQTT 5 does
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

    /**
     * One PUBLISH's answer: decided at once inside the interceptor (a refusal), or later, once the
     * message is stored or not, on the asynchronous output that holds the PUBACK.
     */
    private static final class PubAck implements IngestContext.Answer {
        private final PublishInboundInput input;
        private final PublishInboundOutput output;
        private final boolean atMostOnce;
        private volatile Async<PublishInboundOutput> async;

        PubAck(PublishInboundInput input, PublishInboundOutput output, boolean atMostOnce) {
            this.input = input;
            this.output = output;
            this.atMostOnce = atMostOnce;
        }

        void waitForStorage(Async<PublishInboundOutput> waiting) {
            this.async = waiting;
        }

        @Override
        public void stored() {
            Async<PublishInboundOutput> a = async;
            if (a != null && a.getStatus() == Async.Status.RUNNING) {
                a.getOutput().preventPublishDelivery(); // taken: the broker only sends the PUBACK
                a.resume();
            }
        }

        @Override
        public void refused(Rejection reason, String text) {
            REJECTIONS.warn("MQTT message on '{}' from '{}' refused ({}): {}", input.getPublishPacket().getTopic(),
                    input.getClientInformation().getClientId(), reason.label(), text);
            Async<PublishInboundOutput> a = async;
            if (a == null) {
                answer(output, reason, text);
            } else if (a.getStatus() == Async.Status.RUNNING) {
                answer(a.getOutput(), reason, text);
                a.resume();
            }
        }

        private void answer(PublishInboundOutput out, Rejection reason, String text) {
            boolean v5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
            if (v5 || (reason.isTransient() && !atMostOnce)) {
                // MQTT 3.1.1 has no negative PUBACK: HiveMQ disconnects the device instead, which keeps the message
                out.preventPublishDelivery(reasonCode(reason), text);
            } else {
                out.preventPublishDelivery(); // never storable: a plain PUBACK, or the device would resend it for ever
            }
        }

        @Override
        public boolean gaveUp() {
            Async<PublishInboundOutput> a = async;
            return a != null && a.getStatus() != Async.Status.RUNNING;
        }
    }
}
