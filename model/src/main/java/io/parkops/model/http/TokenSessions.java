package io.parkops.model.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each API token still holds open (an event stream, a Ditto WebSocket, a crew's MQTT session),
 * so that a token deleted while its holder follows something stops seeing anything at once instead
 * of at its next request. Whoever opens such a session follows the token with {@link #follow} and
 * stops following when the session ends; the platform calls {@link #revoke} when the token goes.
 */
public final class TokenSessions {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSessions.class);

    private final Map<String, Set<Runnable>> byToken = new ConcurrentHashMap<>();

    /** Runs {@code close} if the token is revoked; the answer stops following (call it when the session ends). */
    public Runnable follow(String tokenName, Runnable close) {
        return follow(tokenName, close, () -> true);
    }

    /**
     * As {@link #follow(String, Runnable)}, for a session opened by a request signed in a moment ago:
     * {@code stillValid} is asked once it is followed, and when the token went in between (its
     * revocation found nothing to close yet) the session is closed at once.
     */
    public Runnable follow(String tokenName, Runnable close, BooleanSupplier stillValid) {
        Runnable session = new Closer(close);
        Set<Runnable> open = byToken.computeIfAbsent(tokenName, name -> ConcurrentHashMap.newKeySet());
        open.add(session);
        if ((byToken.get(tokenName) != open || !stillValid.getAsBoolean()) && open.remove(session)) {
            session.run(); // revoked before it joined: nobody else will close it
        }
        return () -> open.remove(session);
    }

    /** Closes everything still open with the token; how many there were. */
    public int revoke(String tokenName) {
        Set<Runnable> open = byToken.remove(tokenName);
        if (open == null || open.isEmpty()) {
            return 0;
        }
        int closed = 0;
        for (Runnable session : open) {
            if (open.remove(session)) { // whoever removes a session closes it: here, or a follow racing this
                session.run();
                closed++;
            }
        }
        LOG.info("Token '{}' was revoked: closed the {} session(s) it still had open", tokenName, closed);
        return closed;
    }

    /** How many sessions the token has open now. */
    public int openWith(String tokenName) {
        Set<Runnable> open = byToken.get(tokenName);
        return open == null ? 0 : open.size();
    }

    /** How many sessions all tokens have open now (the {@code parkops_token_sessions} gauge). */
    public int open() {
        int open = 0;
        for (Set<Runnable> sessions : byToken.values()) {
            open += sessions.size();
        }
        return open;
    }

    /** One entry per session (by identity), and a failing close is logged, not thrown at the revoker. */
    private static final class Closer implements Runnable {
        private final Runnable close;

        Closer(Runnable close) {
            this.close = close;
        }

        @Override
        public void run() {
            try {
                close.run();
            } catch (RuntimeException e) {
                LOG.warn("closing a session of a revoked token failed", e);
            }
        }
    }
}
