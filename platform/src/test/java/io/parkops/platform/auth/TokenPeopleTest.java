package io.parkops.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.adapters.security.PersonTokens;
import io.parkops.model.http.SiteScope;
import io.parkops.model.http.TokenSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crew's MQTT session signed in with an API token: followed until the token goes or its sites change. */
class TokenPeopleTest {

    private static final SiteScope NANAN = SiteScope.of(List.of("nanan"));
    private static final SiteScope XINSHENGLI = SiteScope.of(List.of("xinshengli"));

    @TempDir
    Path dir;

    private final TokenSessions sessions = new TokenSessions();
    private final List<String> closed = new ArrayList<>();

    @Test
    void aSessionStaysOpenWhileItsTokenHoldsItsSitesAndClosesWhenTheTokenChanges() {
        try (TokenStore tokens = new TokenStore(dir, Optional.of("admin"))) {
            TokenPeople people = new TokenPeople(tokens, sessions);
            tokens.onRevoked(sessions::revoke);
            String secret = tokens.create("crew", Role.OPERATOR, NANAN).token();
            PersonTokens.Person crew = people.find(secret).orElseThrow();
            assertThat(crew).isEqualTo(new PersonTokens.Person("crew", NANAN));

            people.whenRevoked(crew, () -> closed.add("crew's session"));
            assertThat(closed).isEmpty();
            assertThat(sessions.openWith("crew")).isEqualTo(1);

            tokens.change("crew", Role.OPERATOR, XINSHENGLI);
            assertThat(closed).containsExactly("crew's session");
            assertThat(people.find(secret)).hasValue(new PersonTokens.Person("crew", XINSHENGLI));
        }
    }

    @Test
    void aSessionSignedInJustBeforeItsTokensSitesChangedIsClosedAsItIsFollowed() {
        try (TokenStore tokens = new TokenStore(dir, Optional.of("admin"))) {
            TokenPeople people = new TokenPeople(tokens, sessions);
            String secret = tokens.create("crew", Role.OPERATOR, NANAN).token();
            PersonTokens.Person signedIn = people.find(secret).orElseThrow();
            tokens.change("crew", Role.OPERATOR, XINSHENGLI); // its revocation found no session to close yet

            people.whenRevoked(signedIn, () -> closed.add("crew's session"));

            assertThat(closed).as("it would follow alerts of nanan, which the token no longer holds").containsExactly("crew's session");
            assertThat(sessions.openWith("crew")).isZero();
        }
    }

    @Test
    void aSessionSignedInJustBeforeItsTokenWasDeletedIsClosedAsItIsFollowed() {
        try (TokenStore tokens = new TokenStore(dir, Optional.of("admin"))) {
            TokenPeople people = new TokenPeople(tokens, sessions);
            String secret = tokens.create("crew", Role.OPERATOR, NANAN).token();
            PersonTokens.Person signedIn = people.find(secret).orElseThrow();
            tokens.delete("crew");

            people.whenRevoked(signedIn, () -> closed.add("crew's session"));

            assertThat(closed).containsExactly("crew's session");
        }
    }
}
