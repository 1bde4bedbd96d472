package io.parkops.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkops.adapters.catalog.DeviceTypeCatalog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeviceCredentialsTest {

    private final DeviceRequest requests = new DeviceRequest(DeviceTypeCatalog.builtin());
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void storesThePasswordOnlyAsASaltedBcryptHash() {
        DeviceCredentials a = DeviceCredentials.of("s3cret-pass", null);
        DeviceCredentials b = DeviceCredentials.of("s3cret-pass", null);
        assertThat(a.passwordHash()).startsWith("$2").doesNotContain("s3cret-pass");
        assertThat(a.passwordHash()).isNotEqualTo(b.passwordHash()); // salted
        assertThat(a.passwordMatches("s3cret-pass")).isTrue();
        assertThat(a.passwordMatches("wrong")).isFalse();
    }

    @Test
    void keepsThePskForTheHandshakeButNeverPrintsIt() {
        DeviceCredentials c = DeviceCredentials.of(null, DeviceCredentials.pskOf("my-psk-key", null));
        assertThat(c.psk()).isEqualTo("my-psk-key".getBytes(StandardCharsets.UTF_8));
        assertThat(c.toString()).doesNotContain("my-psk-key").contains("psk=set");
        assertThat(DeviceCredentials.pskOf(null, "0a0B")).containsExactly(0x0a, 0x0b);
    }

    @Test
    void readsCredentialsFromAProvisioningRequest() throws Exception {
        var body = json.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"d1\",\"type\":\"ont\",\"credentials\":{\"password\":\"pw\",\"pskHex\":\"00ff\"}}");
        requests.parse(body);
        DeviceCredentials c = requests.credentials(body);
        assertThat(c.hasPassword()).isTrue();
        assertThat(c.psk()).containsExactly(0x00, 0xff);
    }

    @Test
    void refusesBadPskHexNamingTheField() throws Exception {
        var body = json.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"d1\",\"type\":\"ont\",\"credentials\":{\"pskHex\":\"xyz\"}}");
        assertThatThrownBy(() -> requests.parse(body)).hasMessageContaining("credentials.pskHex");
    }
}
