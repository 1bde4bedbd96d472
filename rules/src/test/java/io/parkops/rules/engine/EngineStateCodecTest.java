package io.parkops.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineStateCodecTest {

    @Test
    void latestValuesOfEveryKindSurviveEncodeAndDecode() {
        ThingState state = new ThingState(new Device(ThingId.of("nanan", "iaq-0001"), "iaq-sensor", Map.of("building", "b1")));
        state.latest.put("environment.co2", new ThingState.Sample(612.5, 1000));
        state.latest.put("environment.count", new ThingState.Sample(42L, 1001));
        state.latest.put("status.ok", new ThingState.Sample(true, 1002));
        state.latest.put("status.mode", new ThingState.Sample("eco", 1003));
        state.latest.put("status.codes", new ThingState.Sample(java.util.List.of(1, 2), 1004));

        ThingState back = EngineStateCodec.decode(EngineStateCodec.encode(state));

        assertThat(back.latest.get("environment.co2")).isEqualTo(new ThingState.Sample(612.5, 1000));
        assertThat(back.latest.get("environment.count")).isEqualTo(new ThingState.Sample(42.0, 1001)); // numbers come back as double
        assertThat(back.latest.get("status.ok")).isEqualTo(new ThingState.Sample(true, 1002));
        assertThat(back.latest.get("status.mode")).isEqualTo(new ThingState.Sample("eco", 1003));
        assertThat(back.latest.get("status.codes").at()).isEqualTo(1004);
        assertThat(back.device.attributes()).containsEntry("building", "b1");
    }
}
