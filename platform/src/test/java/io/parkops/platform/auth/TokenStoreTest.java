package io.parkops.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.http.SiteScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheAdminTokenOnceIntoAPrivateFile() throws Exception {
        String generated;
        try (TokenStore store = new TokenStore(dir, Optional.empty())) {
            generated = store.generatedAdminToken().orElseThrow();
            assertThat(store.authenticate(generated)).hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.ADMIN));
        }
        Path file = dir.resolve("admin.token");
        assertThat(Files.readString(file).trim()).isEqualTo(generated);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (TokenStore again = new TokenStore(dir, Optional.empty())) {
            assertThat(again.generatedAdminToken()).isEmpty();
            assertThat(again.authenticate(generated)).isPresent();
        }
    }

    @Test
    void aConfiguredAdminTokenWins() {
        try (TokenStore store = new TokenStore(dir, Optional.of("from-env"))) {
            assertThat(store.generatedAdminToken()).isEmpty();
            assertThat(store.authenticate("from-env")).isPresent();
            assertThat(store.authenticate("something-else")).isEmpty();
        }
    }

    @Test
    void createdTokensAreStoredHashedAndSurviveARestart() throws Exception {
        String secret;
        try (TokenStore store = new TokenStore(dir, Optional.of("x"))) {
            secret = store.create("crew-roof", Role.OPERATOR).token();
            assertThat(store.authenticate(secret)).hasValue(new Principal("crew-roof", Role.OPERATOR));
            assertThatThrownBy(() -> store.create("crew-roof", Role.VIEWER)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(new String(Files.readAllBytes(dir.resolve("auth").resolve("tokens.mv")), StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);
        try (TokenStore store = new TokenStore(dir, Optional.of("x"))) {
            assertThat(store.list()).extracting(TokenStore.Entry::name).containsExactly("crew-roof");
            assertThat(store.authenticate(secret)).isPresent();
            assertThat(store.delete("crew-roof")).isTrue();
            assertThat(store.authenticate(secret)).isEmpty();
        }
    }

    @Test
    void aTokenLimitedToSitesKeepsThemAcrossARestart() {
        SiteScope nanan = SiteScope.of(java.util.List.of("nanan"));
        String secret;
        try (TokenStore store = new TokenStore(dir, Optional.of("x"))) {
            secret = store.create("nanan-fm", Role.VIEWER, nanan).token();
            store.create("estate-fm", Role.VIEWER);
        }
        try (TokenStore store = new TokenStore(dir, Optional.of("x"))) {
            assertThat(store.authenticate(secret)).hasValue(new Principal("nanan-fm", Role.VIEWER, nanan));
            assertThat(store.list()).extracting(TokenStore.Entry::sites).containsExactly(SiteScope.ALL, nanan);
            assertThat(store.authenticate("x").orElseThrow().sites().isAll()).isTrue();
        }
    }

    @Test
    void aSignedInCallerStillHoldsItsTokenUntilItIsDeletedOrReplacedWithOtherRights() {
        SiteScope nanan = SiteScope.of(java.util.List.of("nanan"));
        try (TokenStore store = new TokenStore(dir, Optional.of("x"))) {
            Principal fm = store.authenticate(store.create("fm", Role.VIEWER, nanan).token()).orElseThrow();
            Principal admin = store.authenticate("x").orElseThrow();
            assertThat(store.stillHolds(fm)).isTrue();
            assertThat(store.stillHolds(admin)).isTrue();

            store.delete("fm");
            assertThat(store.stillHolds(fm)).as("deleted").isFalse();
            assertThat(store.current("fm")).isEmpty();
            store.create("fm", Role.VIEWER, SiteScope.of(java.util.List.of("xinshengli")));
            assertThat(store.stillHolds(fm)).as("made again for another site").isFalse();
            store.delete("fm");
            store.create("fm", Role.VIEWER, nanan);
            assertThat(store.stillHolds(fm)).as("made again with the same name, role and sites").isTrue();
        }
    }

    @Test
    void aChangedTokenKeepsItsSecretAndClosesWhatWasOpenWithTheOldRights() {
        SiteScope nanan = SiteScope.of(java.util.List.of("nanan"));
        SiteScope xinshengli = SiteScope.of(java.util.List.of("xinshengli"));
        java.util.List<String> revoked = new java.util.ArrayList<>();
        String secret;
        try (TokenStore store = new TokenStore(dir, Optional.of("x"))) {
            store.onRevoked(revoked::add);
            secret = store.create("fm", Role.VIEWER, nanan).token();
            assertThat(store.change("fm", Role.OPERATOR, xinshengli)).hasValueSatisfying(e -> assertThat(e.sites()).isEqualTo(xinshengli));
            assertThat(revoked).containsExactly("fm");
            assertThat(store.authenticate(secret)).hasValue(new Principal("fm", Role.OPERATOR, xinshengli));
            assertThat(store.change("nobody", Role.VIEWER, nanan)).isEmpty();
        }
        try (TokenStore store = new TokenStore(dir, Optional.of("x"))) {
            assertThat(store.authenticate(secret)).as("kept across a restart").hasValue(new Principal("fm", Role.OPERATOR, xinshengli));
        }
    }

    @Test
    void readsBearerAndBasicHeaders() {
        assertThat(AuthHandler.token("Bearer abc")).isEqualTo("abc");
        String basic = Base64.getEncoder().encodeToString("ditto:abc".getBytes(StandardCharsets.UTF_8));
        assertThat(AuthHandler.token("Basic " + basic)).isEqualTo("abc");
        assertThat(AuthHandler.token("Digest x")).isNull();
        assertThat(AuthHandler.token("Basic !!!")).isNull();
    }

    /**
     * Node A's store shares a token as its hash and entry; node B's store, applying that record, signs
     * the token in (twice applied, still one token), and the tombstone of A's delete signs it out.
     */
    @Test
    void aSharedTokenSignsInWhereItIsAppliedAndItsTombstoneSignsItOut() {
        java.util.List<String[]> log = new java.util.ArrayList<>();
        try (TokenStore a = new TokenStore(dir.resolve("a"), Optional.of("admin-a"));
             TokenStore b = new TokenStore(dir.resolve("b"), Optional.of("admin-b"))) {
            a.shareThrough((kind, id, value) -> log.add(new String[] {kind.key(id), value}));
            TokenStore.Issued issued = a.create("night-shift", Role.OPERATOR, SiteScope.of(java.util.List.of("nanan"), null));
            assertThat(log).singleElement().satisfies(r -> {
                assertThat(r[0]).isEqualTo("token/night-shift");
                assertThat(r[1]).as("the hash, never the token").doesNotContain(issued.token()).contains(TokenStore.hash(issued.token()));
            });

            b.applyShared("night-shift", log.get(0)[1]);
            b.applyShared("night-shift", log.get(0)[1]);
            assertThat(b.authenticate(issued.token())).hasValueSatisfying(p -> {
                assertThat(p.name()).isEqualTo("night-shift");
                assertThat(p.sites().sites()).containsExactly("nanan");
            });
            assertThat(b.list()).hasSize(1);

            assertThat(a.delete("night-shift")).isTrue();
            assertThat(log).hasSize(2);
            assertThat(log.get(1)[1]).as("a tombstone").isNull();
            b.applyShared("night-shift", null);
            assertThat(b.authenticate(issued.token())).isEmpty();
            assertThat(b.list()).isEmpty();
        }
    }

    @Test
    void aTokenTheSharedConfigRefusesIsNotKept() {
        try (TokenStore store = new TokenStore(dir, Optional.of("admin"))) {
            store.shareThrough((kind, id, value) -> {
                throw new io.parkops.model.config.SharedConfig.Unavailable("Kafka is away", null);
            });
            assertThatThrownBy(() -> store.create("late-shift", Role.VIEWER))
                    .isInstanceOf(io.parkops.model.config.SharedConfig.Unavailable.class);
            assertThat(store.list()).isEmpty();
        }
    }
}
