package io.parkops.adapters.security;

import io.parkops.model.http.SiteScope;
import java.util.Optional;

/**
 * Who an API token belongs to: lets people (maintenance crews, facility managers) sign in to the
 * MQTT endpoints with the same token they use for the HTTP API. The platform answers from its
 * token store; the broker sees no more than the token's name and the sites it is limited to.
 */
@FunctionalInterface
public interface PersonTokens {

    /** A token's holder: its name, and the sites whose alerts it may follow. */
    record Person(String name, SiteScope sites) {
    }

    /** The token's holder, or empty for an unknown (or revoked) token. */
    Optional<Person> find(String token);

    /**
     * Runs {@code close} when the token {@code who} signed in with is revoked, or at once if it no longer
     * holds the sites it signed in with (deleted or changed since), so a session signed in with it ends
     * then; the answer stops following (call it when the session ends). By default nothing is followed.
     */
    default Runnable whenRevoked(Person who, Runnable close) {
        return () -> { };
    }
}
