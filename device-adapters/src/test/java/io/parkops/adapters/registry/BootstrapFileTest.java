package io.parkops.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapFileTest {

    @TempDir
    Path dir;

    private final DeviceRequest parser = new DeviceRequest(DeviceTypeCatalog.builtin());

    @Test
    void readsTheGatewaysOfADevice() throws Exception {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, """
                tenants: [nanan]
                devices:
                  - {tenant: nanan, deviceId: meter-1, type: energy-meter, via: [gw-01, gw-02]}
                  - {tenant: nanan, deviceId: gw-01, type: gateway, credentials: {psk: gw-key}}
                  - {tenant: nanan, deviceId: iaq-1, type: iaq-sensor}
                """);
        BootstrapFile.Contents contents = BootstrapFile.read(file, parser);
        assertThat(contents.devices()).extracting(Device::via).containsExactly(
                java.util.List.of("gw-01", "gw-02"), java.util.List.of(), java.util.List.of());
        assertThat(contents.credentials().get(ThingId.of("nanan", "gw-01")).hasPsk()).isTrue();
    }

    @Test
    void refusesTheWholeFileNamingTheEntryAndTheViaField() throws Exception {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, """
                devices:
                  - {tenant: nanan, deviceId: gw-01, type: gateway}
                  - {tenant: nanan, deviceId: meter-1, type: energy-meter, via: [gw-01, "gw 02"]}
                """);
        assertThatThrownBy(() -> BootstrapFile.read(file, parser)).hasMessageContaining("devices[1].via[1] 'gw 02' must match");
    }

    @Test
    void keepsAPreHashedPasswordAndSkipsDevicesTheRegistryAlreadyHas() throws Exception {
        String hash = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2a", "pw-1".toCharArray(), new byte[16], 4);
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, """
                devices:
                  - {tenant: nanan, deviceId: iaq-1, type: iaq-sensor, credentials: {passwordHash: "%s"}}
                  - {tenant: nanan, deviceId: iaq-2, type: iaq-sensor, credentials: {password: pw-2}}
                  - {tenant: nanan, deviceId: iaq-3, type: iaq-sensor, credentials: {password: pw-3}}
                """.formatted(hash));
        BootstrapFile.Contents contents = BootstrapFile.read(file, parser, id -> id.deviceId().equals("iaq-3"));
        assertThat(contents.devices()).hasSize(3);
        assertThat(contents.credentials().get(ThingId.of("nanan", "iaq-1")).passwordHash()).isEqualTo(hash);
        assertThat(contents.credentials().get(ThingId.of("nanan", "iaq-2")).passwordMatches("pw-2")).isTrue();
        assertThat(contents.credentials()).doesNotContainKey(ThingId.of("nanan", "iaq-3")); // known: not hashed again
    }

    @Test
    void refusesAMalformedHashNamingTheEntry() throws Exception {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, """
                devices:
                  - {tenant: nanan, deviceId: iaq-1, type: iaq-sensor, credentials: {passwordHash: "$2b$10$tooshort"}}
                """);
        assertThatThrownBy(() -> BootstrapFile.read(file, parser))
                .hasMessageContaining("devices[0].credentials.passwordHash must be a bcrypt hash of 60 characters");
    }
}
