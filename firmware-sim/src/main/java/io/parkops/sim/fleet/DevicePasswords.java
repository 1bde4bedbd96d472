package io.parkops.sim.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Passwords for simulated devices.
 *
 * <p>A password is derived from the device identity alone, not the run seed: a second run finds
 * its devices already provisioned (409) and must still authenticate with what the first run
 * registered. They are therefore guessable and only fit simulated devices on a test platform.
 */
public final class DevicePasswords {

    /** bcrypt's lowest cost; the platform accepts 4 to 12. */
    static final int HASH_COST = 4;

    private DevicePasswords() {
    }

    public static String forDevice(String tenant, String deviceId) {
        return "sim-" + digest("parkops-sim/", tenant, deviceId);
    }

    /**
     * The bcrypt hash of a device's password, which the simulator provisions instead of the password
     * ({@code credentials.passwordHash}): at bcrypt's lowest cost ({@value #HASH_COST}, about a
     * millisecond) and with a salt from the device identity, so the same device always gets the same hash. The platform then neither hashes 3,000
     * passwords at cost 10 when an estate is provisioned (minutes of both cores on a laptop) nor pays
     * cost 10 when each device signs in. It weakens nothing: the password is derived from the identity
     * anyway. Slow enough not to call on an event loop for many devices.
     */
    public static String hashForDevice(String tenant, String deviceId, String password) {
        byte[] salt = Arrays.copyOf(sha256("parkops-sim-salt/" + tenant + '/' + deviceId), 16);
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, HASH_COST);
    }

    /**
     * The CoAPS pre-shared key, derived the same way from a different label so that knowing a
     * device's password does not give its key. The platform takes the key as this string's UTF-8 bytes.
     */
    public static String pskForDevice(String tenant, String deviceId) {
        return "simpsk-" + digest("parkops-sim-psk/", tenant, deviceId);
    }

    private static String digest(String label, String tenant, String deviceId) {
        return HexFormat.of().formatHex(sha256(label + tenant + '/' + deviceId), 0, 12);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
