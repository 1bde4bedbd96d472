package io.parkops.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The bench's CoAPS credentials, in one place because two processes must agree on them: the
 * platform's bootstrap file provisions {@link #psk} for every bench device, and the load
 * generator signs each DTLS session in with {@link #identity} and the same key.
 */
public final class DeviceKeys {

    private DeviceKeys() {
    }

    /** The provisioned {@code credentials.psk} of a bench device (a throwaway, known key: the bench measures, it does not protect). */
    public static String psk(String deviceId) {
        return deviceId + "-key";
    }

    /** The DTLS PSK identity ParkOps expects: {@code {deviceId}@{tenant}}. */
    public static String identity(String tenant, String deviceId) {
        return deviceId + "@" + tenant;
    }

    /** The key bytes a DTLS client presents: the UTF-8 bytes of {@link #psk}, as the platform reads it. */
    public static byte[] keyBytes(String deviceId) {
        return psk(deviceId).getBytes(StandardCharsets.UTF_8);
    }
}
