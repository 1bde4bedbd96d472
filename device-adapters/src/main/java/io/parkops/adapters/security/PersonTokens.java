package io.parkops.adapters.security;

import java.util.Optional;

/**
 * Who an API token belongs to: lets people (maintenance crews, facility managers) sign in to the
 * embedded broker with the same token they use for the HTTP API. The platform answers from its
 * token store; the broker never sees more than the token's name.
 */
@FunctionalInterface
public interface PersonTokens {

    /** The name of the token's holder, or empty for an unknown (or revoked) token. */
    Optional<String> nameOf(String token);
}
