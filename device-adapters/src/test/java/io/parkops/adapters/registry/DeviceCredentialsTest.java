package io.parkops.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkops.adapters.catalog.DeviceTypeCatalog;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"2a", "2b", "2y"})
    void keepsAHashMadeElsewhereAsGivenAndChecksThePasswordAgainstIt(String version) throws Exception {
        String hash = OpenBSDBCrypt.generate(version, "field-pw".toCharArray(), new byte[16], 10);
        var body = json.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"d1\",\"type\":\"ont\","
                + "\"credentials\":{\"passwordHash\":\"" + hash + "\",\"psk\":\"d1-key\"}}");
        requests.parse(body);
        DeviceCredentials c = requests.credentials(body);
        assertThat(c.passwordHash()).isEqualTo(hash);
        assertThat(c.passwordMatches("field-pw")).isTrue();
        assertThat(c.passwordMatches("other")).isFalse();
        assertThat(c.psk()).isEqualTo("d1-key".getBytes(StandardCharsets.UTF_8)); // a PSK is still given in clear
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$2b$10$short                                                  | credentials.passwordHash must be a bcrypt hash of 60 characters ($2b$10$ and 53 more), not 12",
            "$1$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWyX   | credentials.passwordHash must start with $2a$, $2b$ or $2y$ (bcrypt), not '$1$1'",
            "$2b$1x$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy  | credentials.passwordHash must have two cost digits and '$' after '$2b$'",
            "$2b$03$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy  | credentials.passwordHash has cost 3; ParkOps accepts 4 to 12",
            "$2b$20$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy  | credentials.passwordHash has cost 20; ParkOps accepts 4 to 12",
            "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lh!y  | credentials.passwordHash has '!' at position 59, outside bcrypt's alphabet"})
    void refusesAMalformedHashSayingWhatIsWrong(String hash, String message) throws Exception {
        var body = json.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"d1\",\"type\":\"ont\","
                + "\"credentials\":{\"passwordHash\":\"" + hash + "\"}}");
        assertThatThrownBy(() -> requests.parse(body)).isInstanceOf(DeviceRequest.InvalidRequestException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void refusesAPasswordAndAHashTogether() throws Exception {
        String hash = OpenBSDBCrypt.generate("2b", "pw".toCharArray(), new byte[16], 4);
        var body = json.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"d1\",\"type\":\"ont\","
                + "\"credentials\":{\"password\":\"pw\",\"passwordHash\":\"" + hash + "\"}}");
        assertThatThrownBy(() -> requests.parse(body))
                .hasMessage("credentials.passwordHash cannot be given together with credentials.password "
                        + "(give the password, or its bcrypt hash)");
    }
}
