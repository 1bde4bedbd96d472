package io.parkops.model.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSessionsTest {

    private final TokenSessions sessions = new TokenSessions();
    private final List<String> closed = new ArrayList<>();

    @Test
    void revokingATokenClosesEverySessionStillOpenWithItAndNoOtherTokens() {
        sessions.follow("fm", () -> closed.add("stream"));
        Runnable ended = sessions.follow("fm", () -> closed.add("ended before"));
        sessions.follow("fm", () -> closed.add("websocket"));
        sessions.follow("crew", () -> closed.add("crew's session"));
        ended.run();

        assertThat(sessions.openWith("fm")).isEqualTo(2);
        assertThat(sessions.revoke("fm")).isEqualTo(2);
        assertThat(closed).containsExactlyInAnyOrder("stream", "websocket");
        assertThat(sessions.openWith("fm")).isZero();
        assertThat(sessions.openWith("crew")).isEqualTo(1);
        assertThat(sessions.revoke("fm")).as("nothing left to close").isZero();
    }

    @Test
    void aCloseThatFailsDoesNotKeepTheOthersOpen() {
        sessions.follow("fm", () -> {
            throw new IllegalStateException("already closed");
        });
        sessions.follow("fm", () -> closed.add("stream"));

        assertThat(sessions.revoke("fm")).isEqualTo(2);
        assertThat(closed).containsExactly("stream");
    }

    @Test
    void theSameCloseActionFollowedTwiceIsTwoSessions() {
        Runnable close = () -> closed.add("x");
        sessions.follow("fm", close);
        sessions.follow("fm", close);

        assertThat(sessions.revoke("fm")).isEqualTo(2);
        assertThat(closed).containsExactly("x", "x");
    }

    @Test
    void aSessionWhoseTokenWentBeforeItWasFollowedIsClosedAtOnce() {
        Runnable unfollow = sessions.follow("fm", () -> closed.add("stream"), () -> false);

        assertThat(closed).as("closed when followed").containsExactly("stream");
        assertThat(sessions.openWith("fm")).isZero();
        unfollow.run();
        assertThat(sessions.revoke("fm")).as("not closed a second time").isZero();
        assertThat(closed).hasSize(1);
    }

    @Test
    void aSessionWhoseTokenIsStillValidStaysOpen() {
        sessions.follow("fm", () -> closed.add("stream"), () -> true);

        assertThat(closed).isEmpty();
        assertThat(sessions.openWith("fm")).isEqualTo(1);
    }
}
