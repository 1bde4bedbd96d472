package io.parkops.platform.auth;

import io.parkops.adapters.security.PersonTokens;
import io.parkops.model.http.TokenSessions;
import java.util.Optional;

/**
 * People signing in to MQTT with their API token (crews following alerts): found in the token store,
 * and their session followed until the token is deleted or changed. A session signed in a moment
 * before its token changed is closed as it is followed, so nobody keeps the sites they just lost.
 */
public final class TokenPeople implements PersonTokens {

    private final TokenStore tokens;
    private final TokenSessions sessions;

    public TokenPeople(TokenStore tokens, TokenSessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    public Optional<Person> find(String token) {
        return tokens.authenticate(token).map(p -> new Person(p.name(), p.sites()));
    }

    @Override
    public Runnable whenRevoked(Person who, Runnable close) {
        return sessions.follow(who.name(), close, () -> tokens.stillHoldsSites(who.name(), who.sites()));
    }
}
