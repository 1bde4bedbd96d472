package io.parkops.adapters.mqtt.auth;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import io.parkops.adapters.security.PersonTokens;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends an embedded-broker session of a person signed in with an API token when that token is deleted
 * (a crew member's phone following {@code alerts/...} stops getting them at once, not at its next
 * sign-in). Each such connection is marked with its own session key, so the one that ends is the one
 * that stops being followed, even when a client id is taken over by a newer connection.
 */
final class RevokedPeople implements ClientLifecycleEventListener {

    private static final String SESSION_KEY = "parkops.person-session";

    private final PersonTokens people;
    private final Map<String, Runnable> unfollowBySession = new ConcurrentHashMap<>();

    RevokedPeople(PersonTokens people) {
        this.people = people;
    }

    /** Called when {@code who} is let in as {@code clientId} on this connection. */
    void signedIn(PersonTokens.Person who, String clientId, ConnectionAttributeStore connection) {
        String session = UUID.randomUUID().toString();
        connection.putAsString(SESSION_KEY, session);
        unfollowBySession.put(session, people.whenRevoked(who, () -> {
            unfollowBySession.remove(session);
            Services.clientService().disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED,
                    "the API token this session signed in with was deleted or its sites changed");
        }));
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        input.getConnectionInformation().getConnectionAttributeStore().getAsString(SESSION_KEY)
                .map(unfollowBySession::remove)
                .ifPresent(Runnable::run);
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // nothing to follow before a sign-in
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        // followed from the authenticator, which knows who signed in
    }
}
