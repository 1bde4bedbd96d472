package io.parkops.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("registry").resolve("devices.mv");
    }

    @Test
    void devicesTenantsAndCredentialsSurviveARestart() {
        Device ont = new Device(ThingId.of("nanan", "ont-0042"), "ont", Map.of("building", "t2", "floor", "7"));
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            registry.add(ont, DeviceCredentials.of("s3cret", "key-42".getBytes(StandardCharsets.UTF_8)));
            registry.addTenant("north-park");
        }
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            assertThat(registry.find(ont.id())).isEqualTo(ont);
            assertThat(registry.isKnownTenant("north-park")).isTrue();
            assertThat(registry.credentials(ont.id()).passwordMatches("s3cret")).isTrue();
            assertThat(registry.credentials(ont.id()).passwordMatches("wrong")).isFalse();
            assertThat(registry.credentials(ont.id()).psk()).isEqualTo("key-42".getBytes(StandardCharsets.UTF_8));
            assertThat(registry.remove(ont.id())).isPresent();
        }
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            assertThat(registry.find(ont.id())).isNull();
        }
    }

    @Test
    void gatewaysNamedInViaSurviveARestart() {
        Device meter = new Device(ThingId.of("nanan", "meter-7"), "energy-meter", Map.of("building", "b1"), List.of("gw-01", "gw-02"));
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            registry.add(meter, null);
        }
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            assertThat(registry.find(meter.id())).isEqualTo(meter);
            assertThat(registry.mayActFor(ThingId.of("nanan", "gw-02"), meter.id())).isTrue();
        }
    }

    @Test
    void aDeviceStoredBeforeGatewaysExistedLoadsWithoutVia() throws Exception {
        // the JSON a registry wrote before "via" was added, byte for byte in shape
        Files.createDirectories(file().getParent());
        try (MVStore raw = new MVStore.Builder().fileName(file().toString()).open()) {
            raw.<String, String>openMap("devices").put("nanan:iaq-9", "{\"tenant\":\"nanan\",\"deviceId\":\"iaq-9\","
                    + "\"type\":\"iaq-sensor\",\"attributes\":{\"floor\":\"2\"},\"pskHex\":\"6b6579\"}");
        }
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            Device old = registry.find(ThingId.of("nanan", "iaq-9"));
            assertThat(old.via()).isEmpty();
            assertThat(old.attributes()).containsEntry("floor", "2");
            assertThat(registry.credentials(old.id()).psk()).isEqualTo("key".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void thePasswordIsStoredOnlyAsAHash() throws Exception {
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            registry.add(new Device(ThingId.of("nanan", "iaq-1"), "iaq-sensor", Map.of()),
                    DeviceCredentials.of("plain-password-123", null));
        }
        assertThat(new String(Files.readAllBytes(file()), StandardCharsets.ISO_8859_1)).doesNotContain("plain-password-123");
    }

    @Test
    void devicesKnownBeforePersistingAreWrittenToo() {
        Device leak = new Device(ThingId.of("xinshengli", "leak-1"), "leak-sensor", Map.of());
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.add(leak);
            registry.persistTo(store);
        }
        try (RegistryStore store = new RegistryStore(file())) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            assertThat(registry.find(leak.id())).isEqualTo(leak);
        }
    }

    /**
     * Node A's registry shares a device as its store keeps it (bcrypt hash, PSK); node B's registry
     * applies it, authenticates the device, keeps it across a restart, and forgets it on the tombstone.
     */
    @Test
    void aSharedDeviceAuthenticatesWhereItIsAppliedAndSurvivesItsRestart() {
        Device ont = new Device(ThingId.of("nanan", "ont-0042"), "ont", Map.of("building", "t2"));
        List<String[]> log = new java.util.ArrayList<>();
        DeviceRegistry a = new DeviceRegistry();
        a.shareThrough((kind, id, value) -> log.add(new String[] {kind.key(id), value}));
        assertThat(a.add(ont, DeviceCredentials.of("s3cret", "key-42".getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r[0]).isEqualTo("device/nanan:ont-0042");
            assertThat(r[1]).doesNotContain("s3cret").contains("passwordHash");
        });

        Path b = dir.resolve("b").resolve("devices.mv");
        try (RegistryStore store = new RegistryStore(b)) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            assertThat(registry.applyShared("nanan:ont-0042", log.get(0)[1])).contains(ont);
            assertThat(registry.applyShared("nanan:ont-0042", log.get(0)[1])).contains(ont);
            assertThat(registry.size()).isEqualTo(1);
            assertThat(registry.credentials(ont.id()).passwordMatches("s3cret")).isTrue();
        }
        try (RegistryStore store = new RegistryStore(b)) {
            DeviceRegistry registry = new DeviceRegistry();
            registry.persistTo(store);
            assertThat(registry.credentials(ont.id()).passwordMatches("s3cret")).as("after B's restart").isTrue();
            assertThat(registry.applyShared("nanan:ont-0042", null)).contains(ont);
            assertThat(registry.find(ont.id())).isNull();
            assertThat(registry.credentials(ont.id())).isEqualTo(DeviceCredentials.NONE);
        }
    }
}
