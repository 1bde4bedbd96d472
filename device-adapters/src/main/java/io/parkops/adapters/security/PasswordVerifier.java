package io.parkops.adapters.security;

import io.parkops.adapters.registry.DeviceCredentials;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.model.ThingId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a device's password against its bcrypt hash in the registry, off the caller's thread.
 *
 * <p>bcrypt is slow on purpose (cost 10: tens of milliseconds), so checks run on a small own pool
 * with a bounded queue: a connect storm queues up to {@code queueSize} checks and the rest are
 * answered {@link Outcome#BUSY} at once instead of piling up.
 *
 * <p>Reconnect storms of thousands of devices would still burn the CPU, so a password that passed
 * bcrypt is remembered as a salted SHA-256 digest (the salt is random per process) together with
 * the very {@link DeviceCredentials} object it was checked against. The registry replaces that
 * object when the device is deleted or provisioned again, so a cached entry is used only while
 * the credentials it vouches for are still the registry's current ones: a changed password or a
 * deleted device is checked afresh (and fails) on the next connect, with nothing to invalidate by
 * hand. The cache holds at most {@code cacheSize} devices, least recently used dropped first.
 */
public final class PasswordVerifier implements AutoCloseable {

    /** What a check found. */
    public enum Outcome {
        ACCEPTED, ACCEPTED_CACHED, UNKNOWN_DEVICE, NO_PASSWORD, WRONG_PASSWORD, BUSY;

        public boolean accepted() {
            return this == ACCEPTED || this == ACCEPTED_CACHED;
        }

        /** Metric label. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Verified(DeviceCredentials against, byte[] digest) {
    }

    private final DeviceRegistry registry;
    private final ThreadPoolExecutor pool;
    private final Map<ThingId, Verified> cache;
    private final byte[] salt = new byte[16];

    /**
     * The verifier for MQTT sign-ins: half the cores for bcrypt (enough to keep up with reconnects,
     * few enough to leave the CPU to the data path), 10,000 checks queued, 200,000 devices cached.
     */
    public static PasswordVerifier forSignIns(DeviceRegistry registry) {
        return new PasswordVerifier(registry, Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 10_000, 200_000);
    }

    public PasswordVerifier(DeviceRegistry registry, int threads, int queueSize, int cacheSize) {
        this.registry = registry;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
            Thread t = new Thread(r, "parkops-password-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ThingId, Verified> eldest) {
                return size() > cacheSize;
            }
        };
        new SecureRandom().nextBytes(salt);
    }

    /** Checks the password; the future completes on a pool thread (or at once when the answer needs no bcrypt). */
    public CompletableFuture<Outcome> verify(ThingId device, byte[] password) {
        if (registry.find(device) == null) {
            return CompletableFuture.completedFuture(Outcome.UNKNOWN_DEVICE);
        }
        DeviceCredentials credentials = registry.credentials(device);
        if (!credentials.hasPassword()) {
            return CompletableFuture.completedFuture(Outcome.NO_PASSWORD);
        }
        if (password == null) {
            return CompletableFuture.completedFuture(Outcome.WRONG_PASSWORD);
        }
        byte[] digest = digest(password);
        Verified known;
        synchronized (cache) {
            known = cache.get(device);
        }
        if (known != null && known.against() == credentials && MessageDigest.isEqual(known.digest(), digest)) {
            return CompletableFuture.completedFuture(Outcome.ACCEPTED_CACHED);
        }
        try {
            return CompletableFuture.supplyAsync(() -> check(device, credentials, password, digest), pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Outcome.BUSY);
        }
    }

    private Outcome check(ThingId device, DeviceCredentials credentials, byte[] password, byte[] digest) {
        if (!credentials.passwordMatches(new String(password, StandardCharsets.UTF_8))) {
            return Outcome.WRONG_PASSWORD;
        }
        synchronized (cache) {
            cache.put(device, new Verified(credentials, digest));
        }
        return Outcome.ACCEPTED;
    }

    private byte[] digest(byte[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
