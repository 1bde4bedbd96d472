package io.parkops.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.adapters.registry.DeviceCredentials;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.PasswordVerifier.Outcome;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PasswordVerifierTest {

    private static final ThingId ID = ThingId.of("nanan", "iaq-0001");

    private final DeviceRegistry registry = new DeviceRegistry();
    private final PasswordVerifier verifier = new PasswordVerifier(registry, 1, 10, 100);

    @AfterEach
    void close() {
        verifier.close();
    }

    @Test
    void acceptsTheRightPasswordOnceByBcryptThenFromTheCache() throws Exception {
        registry.add(device(), DeviceCredentials.of("s3cret", null));
        assertThat(check("s3cret")).isEqualTo(Outcome.ACCEPTED);
        assertThat(check("s3cret")).isEqualTo(Outcome.ACCEPTED_CACHED);
        assertThat(check("wrong")).isEqualTo(Outcome.WRONG_PASSWORD);
        assertThat(check("s3cret")).isEqualTo(Outcome.ACCEPTED_CACHED);
    }

    @Test
    void refusesUnknownDevicesDevicesWithoutPasswordAndMissingPasswords() throws Exception {
        assertThat(check("s3cret")).isEqualTo(Outcome.UNKNOWN_DEVICE);
        registry.add(device(), DeviceCredentials.of(null, new byte[] {1, 2}));
        assertThat(check("s3cret")).isEqualTo(Outcome.NO_PASSWORD);
        registry.remove(ID);
        registry.add(device(), DeviceCredentials.of("s3cret", null));
        assertThat(verifier.verify(ID, null).get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.WRONG_PASSWORD);
    }

    @Test
    void aCachedPasswordDiesWithItsCredentials() throws Exception {
        registry.add(device(), DeviceCredentials.of("old", null));
        assertThat(check("old")).isEqualTo(Outcome.ACCEPTED);
        assertThat(check("old")).isEqualTo(Outcome.ACCEPTED_CACHED);

        registry.remove(ID);
        assertThat(check("old")).isEqualTo(Outcome.UNKNOWN_DEVICE);

        registry.add(device(), DeviceCredentials.of("new", null));
        assertThat(check("old")).as("re-provisioned with another password").isEqualTo(Outcome.WRONG_PASSWORD);
        assertThat(check("new")).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aFullQueueAnswersBusyInsteadOfPilingUp() throws Exception {
        registry.add(device(), DeviceCredentials.of("s3cret", null));
        try (PasswordVerifier tiny = new PasswordVerifier(registry, 1, 1, 10)) {
            var answers = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Outcome>>();
            for (int i = 0; i < 20; i++) {
                answers.add(tiny.verify(ID, ("guess-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            java.util.concurrent.CompletableFuture.allOf(answers.toArray(new java.util.concurrent.CompletableFuture[0]))
                    .get(20, TimeUnit.SECONDS);
            assertThat(answers).extracting(java.util.concurrent.CompletableFuture::join).contains(Outcome.BUSY);
        }
    }

    private Outcome check(String password) throws Exception {
        return verifier.verify(ID, password.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
    }

    private static Device device() {
        return new Device(ID, "iaq-sensor", Map.of());
    }
}
