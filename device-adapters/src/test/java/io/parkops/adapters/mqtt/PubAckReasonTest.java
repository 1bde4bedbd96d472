package io.parkops.adapters.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Rejection;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.junit.jupiter.api.Test;

/** One mapping from refusals to MQTT 5 PUBACK codes, the same on the embedded broker and on the Vert.x endpoint. */
class PubAckReasonTest {

    @Test
    void everyRefusalHasTheSameCodeOnBothEdges() {
        for (Rejection reason : Rejection.values()) {
            PubAckReason code = PubAckReason.of(reason);
            assertThat(BrokerIntake.reasonCode(reason).name()).as(reason.name()).isEqualTo(code.name());
            assertThat(MqttPubAckReasonCode.valueOf(code.code()).name()).as(reason.name()).isEqualTo(code.name());
        }
    }

    @Test
    void theCodesAreTheSpecifications() {
        assertThat(PubAckReason.of(Rejection.UNKNOWN_DEVICE).code()).isEqualTo((byte) 0x87);
        assertThat(PubAckReason.of(Rejection.NOT_STORED).code()).isEqualTo((byte) 0x80);
        assertThat(PubAckReason.of(Rejection.RATE_LIMITED).code()).isEqualTo((byte) 0x97);
        assertThat(PubAckReason.of(Rejection.MALFORMED).code()).isEqualTo((byte) 0x99);
        assertThat(PubAckReason.of(Rejection.BAD_ADDRESS).code()).isEqualTo((byte) 0x90);
    }
}
