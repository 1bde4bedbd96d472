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
    /** The bcrypt versions {@link OpenBSDBCrypt} checks, as hash prefixes. */
    private static final java.util.Set<String> BCRYPT_VERSIONS = java.util.Set.of("$2a$", "$2b$", "$2y$");
    private static final int BCRYPT_LENGTH = 60;
    public static final int MIN_HASH_COST = 4;
    public static final int MAX_HASH_COST = 12;

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

    /**
     * Credentials whose password was hashed elsewhere (an estate's import tool, another registry):
     * the bcrypt hash is kept as given, so provisioning costs no bcrypt here. Check it with
     * {@link #hashProblem} first.
     */
    public static DeviceCredentials ofHash(String bcryptHash, byte[] psk) {
        String problem = hashProblem(bcryptHash);
        if (problem != null) {
            throw new IllegalArgumentException("password hash " + problem);
        }
        return new DeviceCredentials(bcryptHash, psk == null ? null : psk.clone());
    }

    /**
     * Null when {@code hash} is a bcrypt hash that sign-ins can check ({@code $2a$}, {@code $2b$} or
     * {@code $2y$}, a cost from {@value #MIN_HASH_COST} to {@value #MAX_HASH_COST}, 22 characters of
     * salt and 31 of hash in bcrypt's base64), else what is wrong, in words for a 400. The cost is
     * capped because every sign-in of the device pays it: a cost of 20 would make each check take
     * about a minute of a password-check thread.
     */
    public static String hashProblem(String hash) {
        if (hash.length() != BCRYPT_LENGTH) {
            return "must be a bcrypt hash of " + BCRYPT_LENGTH + " characters ($2b$10$ and 53 more), not " + hash.length();
        }
        String version = hash.substring(0, 4);
        if (!BCRYPT_VERSIONS.contains(version)) {
            return "must start with $2a$, $2b$ or $2y$ (bcrypt), not '" + version + "'";
        }
        if (!Character.isDigit(hash.charAt(4)) || !Character.isDigit(hash.charAt(5)) || hash.charAt(6) != '$') {
            return "must have two cost digits and '$' after '" + version + "' (e.g. $2b$10$)";
        }
        int cost = Integer.parseInt(hash.substring(4, 6));
        if (cost < MIN_HASH_COST || cost > MAX_HASH_COST) {
            return "has cost " + cost + "; ParkOps accepts " + MIN_HASH_COST + " to " + MAX_HASH_COST
                    + " (every sign-in pays it; 10 is the usual)";
        }
        for (int i = 7; i < BCRYPT_LENGTH; i++) {
            char ch = hash.charAt(i);
            if (!(ch == '.' || ch == '/' || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
                return "has '" + (Character.isISOControl(ch) ? "?" : String.valueOf(ch)) + "' at position " + (i + 1)
                        + ", outside bcrypt's alphabet ./A-Za-z0-9";
            }
        }
        return null;
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
