package io.parkops.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceLoginTest {

    @Test
    void readsDeviceAtTenant() {
        assertThat(DeviceLogin.parse("iaq-0001@nanan")).contains(ThingId.of("nanan", "iaq-0001"));
        assertThat(DeviceLogin.parse("pv.7_b@north-park")).contains(ThingId.of("north-park", "pv.7_b"));
        assertThat(DeviceLogin.of(ThingId.of("nanan", "iaq-0001"))).isEqualTo("iaq-0001@nanan");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "iaq-0001", "@nanan", "iaq-0001@", "iaq@0001@nanan", "iaq-0001@Nanan", "iaq 1@nanan",
            "parkops-service", "a/b@nanan", "+@nanan"})
    void refusesAnythingElse(String name) {
        assertThat(DeviceLogin.parse(name)).isEmpty();
    }

    @Test
    void makesHostileNamesSafeForALogLine() {
        assertThat(DeviceLogin.printable("evil\nWARN forged line")).isEqualTo("evil?WARN forged line");
        assertThat(DeviceLogin.printable("x".repeat(500))).hasSize(83);
        assertThat(DeviceLogin.printable(null)).isEqualTo("(none)");
    }

    @Test
    void theServiceSecretIsFreshPerStartAndCheckedExactly() {
        ServiceLogin a = ServiceLogin.generate();
        ServiceLogin b = ServiceLogin.generate();
        assertThat(a.password()).isNotEqualTo(b.password());
        assertThat(a.matches(ServiceLogin.USERNAME, a.password())).isTrue();
        assertThat(a.matches(ServiceLogin.USERNAME, b.password())).isFalse();
        assertThat(a.matches("iaq-0001@nanan", a.password())).isFalse();
        assertThat(a.matches(ServiceLogin.USERNAME, null)).isFalse();
        assertThat(a.toString()).doesNotContain(new String(a.password(), java.nio.charset.StandardCharsets.US_ASCII));
    }
}
