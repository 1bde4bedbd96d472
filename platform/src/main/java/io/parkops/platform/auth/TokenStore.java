package io.parkops.platform.auth;

import io.parkops.model.config.SharedConfig;
import io.parkops.model.http.SiteScope;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * API tokens, kept only as SHA-256 hashes in {@code {data dir}/auth/tokens.mv}. Tokens are 256
 * random bits, so a fast hash is enough: there is nothing to guess from, unlike a password. The
 * admin token comes from {@code PARKOPS_ADMIN_TOKEN}, or is generated once and written to
 * {@code {data dir}/admin.token} (mode 600).
 *
 * <p>In a cluster a named token is shared ({@link #shareThrough}) as its hash and entry, never the
 * token itself; the admin token is each node's own setting.
 */
public final class TokenStore implements AutoCloseable {

    /** A named token as listed by the API (never the secret). */
    public record Entry(String name, Role role, long createdAt, SiteScope sites) {
    }

    /** A token just created: the secret is shown once. */
    public record Issued(String token, Entry entry) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADMIN_NAME = "admin";

    private final MVStore store;
    private final MVMap<String, String> byHash; // hash -> name \t role \t createdAt [\t site,site...]
    private final Map<String, Principal> cache = new ConcurrentHashMap<>();
    private final String adminHash;
    private final boolean adminGenerated;
    private final String adminToken;
    private volatile SharedConfig shared = SharedConfig.LOCAL;
    private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();

    public TokenStore(Path dataDir, Optional<String> configuredAdminToken) {
        try {
            Files.createDirectories(dataDir.resolve("auth"));
            this.store = new MVStore.Builder().fileName(dataDir.resolve("auth").resolve("tokens.mv").toString()).open();
            this.byHash = store.openMap("tokens");
            Path adminFile = dataDir.resolve("admin.token");
            if (configuredAdminToken.isPresent()) {
                adminToken = configuredAdminToken.get();
                adminGenerated = false;
            } else if (Files.exists(adminFile)) {
                adminToken = Files.readString(adminFile).trim();
                adminGenerated = false;
            } else {
                adminToken = newSecret();
                adminGenerated = true;
                Files.writeString(adminFile, adminToken + "\n", StandardCharsets.UTF_8);
                restrictToOwner(adminFile);
            }
            adminHash = hash(adminToken);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up API tokens under " + dataDir, e);
        }
    }

    /** From now on every create and delete goes through {@code shared} before it is kept here. */
    public void shareThrough(SharedConfig sharedConfig) {
        this.shared = sharedConfig;
    }

    /**
     * Calls {@code listener} with a token's name whenever that token stops being valid here: deleted
     * through this node's API or another's, or replaced by a new token of the same name. What is still
     * open with it (event streams, WebSockets, MQTT sessions) is the listener's to close.
     */
    public void onRevoked(Consumer<String> listener) {
        revocationListeners.add(listener);
    }

    /** The admin token when this start generated it (to print once), else empty. */
    public Optional<String> generatedAdminToken() {
        return adminGenerated ? Optional.of(adminToken) : Optional.empty();
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String h = hash(token);
        if (MessageDigest.isEqual(h.getBytes(StandardCharsets.US_ASCII), adminHash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(new Principal(ADMIN_NAME, Role.ADMIN));
        }
        Principal cached = cache.get(h);
        if (cached != null) {
            return Optional.of(cached);
        }
        String record = byHash.get(h);
        if (record == null) {
            return Optional.empty();
        }
        Entry entry = parse(record);
        Principal p = new Principal(entry.name(), entry.role(), entry.sites());
        cache.put(h, p);
        if (!record.equals(byHash.get(h))) { // deleted meanwhile (on another node, in a cluster): cache nothing stale
            cache.remove(h, p);
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * Whether {@code who} still signs in as it did: the admin, or a stored token of its name with its
     * role and sites (false once deleted, or replaced by one with other rights). Asked when a session
     * opened by a request is followed, to catch a deletion between the sign-in and the follow.
     */
    public boolean stillHolds(Principal who) {
        return holder(who.name()).filter(now -> now.role() == who.role() && now.sites().equals(who.sites())).isPresent();
    }

    /**
     * Whether the token {@code name} still gives the sites {@code sites}, whatever its role: for
     * sessions that use nothing else (a crew's MQTT session, which follows alerts of its sites).
     */
    public boolean stillHoldsSites(String name, SiteScope sites) {
        return holder(name).filter(now -> now.sites().equals(sites)).isPresent();
    }

    /** Who signs in with the token {@code name} now: the admin (not a stored token), or the stored token's holder. */
    private Optional<Principal> holder(String name) {
        return name.equals(ADMIN_NAME) ? Optional.of(new Principal(ADMIN_NAME, Role.ADMIN))
                : current(name).map(entry -> new Principal(entry.name(), entry.role(), entry.sites()));
    }

    /** The stored token of that name, if there is one now. */
    public Optional<Entry> current(String name) {
        return stored(name).map(e -> parse(e.getValue()));
    }

    /** The stored hash and record of the token {@code name}. */
    private Optional<Map.Entry<String, String>> stored(String name) {
        for (Map.Entry<String, String> e : byHash.entrySet()) {
            if (e.getValue().startsWith(name + "\t")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public Issued create(String name, Role role) {
        return create(name, role, SiteScope.ALL);
    }

    /** A new token for {@code sites} only ({@link SiteScope#ALL}: every site). */
    public synchronized Issued create(String name, Role role, SiteScope sites) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}") || name.equals(ADMIN_NAME)) {
            throw new IllegalArgumentException("name must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63} and not be 'admin'");
        }
        if (stored(name).isPresent()) {
            throw new IllegalStateException("a token named '" + name + "' exists; delete it first");
        }
        String token = newSecret();
        long now = System.currentTimeMillis();
        String hash = hash(token);
        share(name, hash, new Entry(name, role, now, sites));
        return new Issued(token, new Entry(name, role, now, sites));
    }

    /**
     * Gives the token {@code name} another role and sites; its secret stays. What is open with it was
     * opened with the old rights and is closed (through {@link #onRevoked}); its holder signs in again
     * with the same secret. Empty when there is no such token.
     */
    public synchronized Optional<Entry> change(String name, Role role, SiteScope sites) {
        return stored(name).map(e -> {
            Entry changed = new Entry(name, role, parse(e.getValue()).createdAt(), sites);
            share(name, e.getKey(), changed);
            return changed;
        });
    }

    /** Puts the token in the shared config (Kafka, in a cluster) first, then keeps it here. */
    private void share(String name, String hash, Entry entry) {
        String record = name + "\t" + entry.role().label() + "\t" + entry.createdAt()
                + (entry.sites().isAll() ? "" : "\t" + entry.sites().encode());
        shared.publish(SharedConfig.Kind.TOKEN, name, new JsonObject().put("sha256", hash).put("entry", record).encode());
        keep(name, hash, record);
    }

    /**
     * A token another node (or this one) shared: {@code value} is its hash and entry, null when it was
     * deleted. Applying the same value twice changes nothing.
     */
    public synchronized void applyShared(String name, String value) {
        if (value == null) {
            forget(name);
            return;
        }
        JsonObject json = new JsonObject(value);
        String hash = json.getString("sha256");
        String record = json.getString("entry");
        if (hash == null || !hash.matches("[0-9a-f]{64}") || record == null || !parse(record).name().equals(name)) {
            throw new IllegalArgumentException("token record for '" + name + "' must hold its sha256 and its entry");
        }
        keep(name, hash, record);
    }

    private void keep(String name, String hash, String record) {
        if (record.equals(byHash.get(hash))) {
            return;
        }
        removeByName(name);
        byHash.put(hash, record);
        store.commit();
    }

    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (String record : byHash.values()) {
            entries.add(parse(record));
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return entries;
    }

    public synchronized boolean delete(String name) {
        if (stored(name).isEmpty()) {
            return false;
        }
        shared.publish(SharedConfig.Kind.TOKEN, name, null);
        return forget(name);
    }

    private boolean forget(String name) {
        boolean removed = removeByName(name);
        if (removed) {
            store.commit();
        }
        return removed;
    }

    private boolean removeByName(String name) {
        Optional<Map.Entry<String, String>> stored = stored(name);
        stored.ifPresent(e -> {
            String hash = e.getKey();
            byHash.remove(hash);
            cache.remove(hash);
            revocationListeners.forEach(listener -> listener.accept(name));
        });
        return stored.isPresent();
    }

    /** A stored record; one written before scoped tokens has no fourth part and sees every site. */
    private static Entry parse(String record) {
        String[] parts = record.split("\t");
        return new Entry(parts[0], Role.parse(parts[1]), Long.parseLong(parts[2]),
                parts.length > 3 ? SiteScope.decode(parts[3]) : SiteScope.ALL);
    }

    @Override
    public void close() {
        store.close();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // on a non-POSIX file system the folder's own protection applies
        }
    }
}
