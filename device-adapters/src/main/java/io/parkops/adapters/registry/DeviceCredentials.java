package io.parkops.adapters.registry;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * What a device proves itself with. The password is kept only as a salted bcrypt hash. The DTLS
 * PSK must stay recoverable (the handshake needs the key itself), so it is kept as bytes that
 * never leave this class except to the DTLS stack: {@link #toString()} hides it, the API only
 * says whether it is set, and nothing logs it. The checks live in
 * {@code security.PasswordVerifier} (MQTT) and {@code coap.RegistryPskStore} (CoAPS).
 */
public final class DeviceCredentials {

    public static final DeviceCredentials NONE = new DeviceCredentials(null, null);

    /** bcrypt cost 10: about 50-100 ms per hash, slow for an attacker, fine for provisioning. */
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String passwordHash;
    private final byte[] psk;

    private DeviceCredentials(String passwordHash, byte[] psk) {
        this.passwordHash = passwordHash;
        this.psk = psk;
    }

    /** Hashes the password (slow: call from a worker thread). Either argument may be null. */
    public static DeviceCredentials of(String password, byte[] psk) {
        String hash = null;
        if (password != null) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            hash = OpenBSDBCrypt.generate(password.toCharArray(), salt, BCRYPT_COST);
        }
        return new DeviceCredentials(hash, psk == null ? null : psk.clone());
    }

    /** Credentials read back from the registry store (the hash as stored, never re-hashed). */
    static DeviceCredentials restored(String passwordHash, byte[] psk) {
        return passwordHash == null && psk == null ? NONE : new DeviceCredentials(passwordHash, psk);
    }

    /** The PSK from {@code psk} (UTF-8 bytes, as {@code coap-client-openssl -k} uses it) or {@code pskHex}. */
    public static byte[] pskOf(String utf8, String hex) {
        if (utf8 != null) {
            return utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public boolean hasPsk() {
        return psk != null;
    }

    /** Constant-time check of a password against the stored hash (slow: call from a worker thread). */
    public boolean passwordMatches(String password) {
        return passwordHash != null && password != null && OpenBSDBCrypt.checkPassword(passwordHash, password.toCharArray());
    }

    /** The key for the DTLS handshake; a copy, so a caller cannot alter the stored one. */
    public byte[] psk() {
        return psk == null ? null : psk.clone();
    }

    String passwordHash() {
        return passwordHash;
    }

    @Override
    public String toString() {
        return "DeviceCredentials[password=" + (hasPassword() ? "set" : "unset") + ", psk=" + (hasPsk() ? "set" : "unset") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCredentials c && java.util.Objects.equals(passwordHash, c.passwordHash) && Arrays.equals(psk, c.psk);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(passwordHash, Arrays.hashCode(psk));
    }
}
