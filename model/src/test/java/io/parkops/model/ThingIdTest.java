package io.parkops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The identity rules of ARCHITECTURE §3, checked without regular expressions, agree with them. */
class ThingIdTest {

    private static final Pattern TENANT = Pattern.compile("(?=.{1,63}$)[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String ALPHABET = "azAZ09-._:/ @éß\u0000";

    @Test
    void agreesWithTheContractsPatternsOnRandomStrings() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            int length = random.nextInt(70);
            StringBuilder s = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                s.append(random.nextInt(4) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String text = s.toString();
            assertThat(ThingId.isValidTenant(text)).as("tenant '%s'", text).isEqualTo(TENANT.matcher(text).matches());
            assertThat(ThingId.isValidDeviceId(text)).as("deviceId '%s'", text).isEqualTo(DEVICE.matcher(text).matches());
        }
    }

    @Test
    void namesTheRuleWhenAnIdIsRefused() {
        assertThat(ThingId.of("north-park", "ont-0001.a_b").dittoId()).isEqualTo("north.park:ont-0001.a_b");
        assertThat(ThingId.isValidDeviceId("x".repeat(64))).isTrue();
        assertThat(ThingId.isValidDeviceId("x".repeat(65))).isFalse();
        assertThat(ThingId.isValidTenant("a".repeat(64))).isFalse();
        // each part after a dash starts with a letter: it is a part of the Ditto namespace
        assertThat(ThingId.isValidTenant("park-01")).isFalse();
        assertThat(ThingId.isValidTenant("park-")).isFalse();
        assertThat(ThingId.isValidTenant("park--a")).isFalse();
        assertThat(ThingId.isValidTenant("park-a01")).isTrue();
        assertThatThrownBy(() -> ThingId.of("Nanan", "d1")).hasMessageContaining("[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*");
        assertThatThrownBy(() -> ThingId.of("nanan", "-d1")).hasMessageContaining("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }
}
