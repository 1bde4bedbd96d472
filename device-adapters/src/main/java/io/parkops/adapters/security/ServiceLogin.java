package io.parkops.adapters.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The identity the platform's own MQTT clients (ingress, command delivery, alert notifier) use
 * on the embedded broker. The secret is 256 random bits made at every start; it lives only in
 * this process's memory, is never written, logged or shown, and dies with the process. The user
 * name has no {@code @}, so no device login can ever be mistaken for it.
 */
public final class ServiceLogin {

    public static final String USERNAME = "parkops-service";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;

    private ServiceLogin(byte[] secret) {
        this.secret = secret;
    }

    /** A fresh secret for this start. */
    public static ServiceLogin generate() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new ServiceLogin(Base64.getUrlEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.US_ASCII));
    }

    public String username() {
        return USERNAME;
    }

    /** The password bytes for this process's own MQTT clients (a copy). */
    public byte[] password() {
        return secret.clone();
    }

    /** Constant-time check, so the time taken says nothing about how much of a guess was right. */
    public boolean matches(String username, byte[] password) {
        return USERNAME.equals(username) && password != null && MessageDigest.isEqual(secret, password);
    }

    @Override
    public String toString() {
        return "ServiceLogin[" + USERNAME + ", secret hidden]";
    }
}
