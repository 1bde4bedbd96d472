package io.parkops.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.adapters.security.PersonTokens;
import io.parkops.model.http.SiteScope;
import io.parkops.model.http.TokenSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crew's MQTT session signed in with an API token: followed until the token goes or its sites change. */
class TokenPeopleTest {

    private static final SiteScope NANAN = SiteScope.of(List.of("nanan"));
    private static final SiteScope XINSHENGLI = SiteScope.of(List.of("xinshengli"));

    private final TokenSessions sessions = new TokenSessions();
    private final List<String> closed = new ArrayList<>();
    private TokenStore tokens;
    private TokenPeople people;
    private PersonTokens.Person crew;

    @BeforeEach
    void start(@TempDir Path dir) {
        tokens = new TokenStore(dir, Optional.of("admin-secret"));
        tokens.onRevoked(sessions::revoke);
        people = new TokenPeople(tokens, sessions);
        crew = people.find(tokens.create("crew", Role.OPERATOR, NANAN).token()).orElseThrow(); // signed in
    }

    @AfterEach
    void stop() {
        tokens.close();
    }

    @Test
    void aSessionStaysOpenWhileItsTokenHoldsItsSitesAndClosesWhenTheTokenChanges() {
        assertThat(crew).isEqualTo(new PersonTokens.Person("crew", NANAN));

        people.whenRevoked(crew, () -> closed.add("crew's session"));
        assertThat(closed).isEmpty();
        assertThat(sessions.openWith("crew")).isEqualTo(1);

        tokens.change("crew", Role.OPERATOR, XINSHENGLI);
        assertThat(closed).containsExactly("crew's session");
        assertThat(sessions.openWith("crew")).isZero();
    }

    @Test
    void aSessionSignedInJustBeforeItsTokensSitesChangedIsClosedAsItIsFollowed() {
        tokens.change("crew", Role.OPERATOR, XINSHENGLI); // its revocation finds no session to close yet

        people.whenRevoked(crew, () -> closed.add("crew's session"));

        assertThat(closed).as("it would follow alerts of nanan, which the token no longer holds").containsExactly("crew's session");
        assertThat(sessions.openWith("crew")).isZero();
    }

    @Test
    void aSessionSignedInJustBeforeItsTokenWasDeletedIsClosedAsItIsFollowed() {
        tokens.delete("crew");

        people.whenRevoked(crew, () -> closed.add("crew's session"));

        assertThat(closed).containsExactly("crew's session");
    }

    @Test
    void theAdminTokensSessionIsFollowedAndStaysOpen() {
        PersonTokens.Person admin = people.find("admin-secret").orElseThrow();

        people.whenRevoked(admin, () -> closed.add("admin's session"));

        assertThat(closed).as("the admin token is not a stored token, and still holds every site").isEmpty();
        assertThat(sessions.openWith(admin.name())).isEqualTo(1);
    }
}
