package io.parkops.sim.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passwords for simulated devices.
 *
 * <p>A password is derived from the device identity alone, not the run seed: a second run finds
 * its devices already provisioned (409) and must still authenticate with what the first run
 * registered. They are therefore guessable and only fit simulated devices on a test platform.
 */
public final class DevicePasswords {

    private DevicePasswords() {
    }

    public static String forDevice(String tenant, String deviceId) {
        return "sim-" + digest("parkops-sim/", tenant, deviceId);
    }

    /**
     * The CoAPS pre-shared key, derived the same way from a different label so that knowing a
     * device's password does not give its key. The platform takes the key as this string's UTF-8 bytes.
     */
    public static String pskForDevice(String tenant, String deviceId) {
        return "simpsk-" + digest("parkops-sim-psk/", tenant, deviceId);
    }

    private static String digest(String label, String tenant, String deviceId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((label + tenant + '/' + deviceId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
