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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("parkops-sim/" + tenant + '/' + deviceId).getBytes(StandardCharsets.UTF_8));
            return "sim-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
