package io.parkops.adapters.mqtt.auth;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import io.parkops.model.log.ThrottledLog;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.DeviceLogin;
import io.parkops.adapters.security.PasswordVerifier;
import io.parkops.adapters.security.PersonTokens;
import io.parkops.adapters.security.ServiceLogin;
import io.parkops.model.ThingId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Checks every MQTT CONNECT on the embedded broker: the platform's own service login, a person
 * with an API token as the password (any username; crews subscribing to alerts), or a device's
 * {@code {deviceId}@{tenant}} with its password; nothing else gets in. The
 * bcrypt check runs on the {@link PasswordVerifier}'s pool, never on a broker thread: the
 * authenticator hands HiveMQ an async output and resumes it when the check is done.
 */
final class DeviceAuthenticator implements SimpleAuthenticator {

    static final String IDENTITY_KEY = "parkops.identity";
    private static final String TRANSPORT = "mqtt";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    private static final ThrottledLog REFUSALS = new ThrottledLog(LoggerFactory.getLogger(DeviceAuthenticator.class), 1000);

    private final PasswordVerifier verifier;
    private final ServiceLogin service;
    private final PersonTokens people;
    private final RevokedPeople revoked;
    private final DeviceAuthMetrics metrics;

    DeviceAuthenticator(PasswordVerifier verifier, ServiceLogin service, PersonTokens people, RevokedPeople revoked,
                        DeviceAuthMetrics metrics) {
        this.verifier = verifier;
        this.service = service;
        this.people = people;
        this.revoked = revoked;
        this.metrics = metrics;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String username = input.getConnectPacket().getUserName().orElse(null);
        byte[] password = input.getConnectPacket().getPassword().map(DeviceAuthenticator::bytes).orElse(null);
        if (username == null) {
            refuse(input, output, ConnackReasonCode.NOT_AUTHORIZED, "no_username", username,
                    "this broker needs username {deviceId}@{tenant} and the device's password");
            return;
        }
        if (service.matches(username, password)) {
            accept(input, output, MqttClientIdentity.SERVICE, "service");
            return;
        }
        // a token is 256 random bits, hashed and looked up: cheap enough to try before the device login
        Optional<PersonTokens.Person> person = password == null ? Optional.empty()
                : people.find(new String(password, StandardCharsets.UTF_8));
        if (person.isPresent()) {
            revoked.signedIn(person.get(), input.getClientInformation().getClientId(),
                    input.getConnectionInformation().getConnectionAttributeStore());
            accept(input, output, MqttClientIdentity.person(person.get()), "api_token");
            return;
        }
        Optional<ThingId> device = DeviceLogin.parse(username);
        if (device.isEmpty()) {
            refuse(input, output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "malformed_username", username,
                    "username must be {deviceId}@{tenant}");
            return;
        }
        Async<SimpleAuthOutput> async = output.async(CHECK_TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_BUSY,
                "password check took too long; try again");
        verifier.verify(device.get(), password).whenComplete((outcome, error) -> {
            decide(input, output, device.get(), error != null ? PasswordVerifier.Outcome.BUSY : outcome, username);
            async.resume();
        });
    }

    private void decide(SimpleAuthInput input, SimpleAuthOutput output, ThingId device, PasswordVerifier.Outcome outcome,
                        String username) {
        switch (outcome) {
            case ACCEPTED -> accept(input, output, MqttClientIdentity.device(device), "password");
            case ACCEPTED_CACHED -> accept(input, output, MqttClientIdentity.device(device), "password_cached");
            case NO_PASSWORD -> refuse(input, output, ConnackReasonCode.NOT_AUTHORIZED, outcome.label(), username,
                    "no MQTT password is provisioned for this device");
            case BUSY -> refuse(input, output, ConnackReasonCode.SERVER_BUSY, outcome.label(), username,
                    "too many sign-ins at once; try again");
            // unknown device and wrong password look the same to the client: no probing for device ids
            case UNKNOWN_DEVICE, WRONG_PASSWORD -> refuse(input, output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    outcome.label(), username, "bad username or password");
        }
    }

    private void accept(SimpleAuthInput input, SimpleAuthOutput output, MqttClientIdentity who, String how) {
        input.getConnectionInformation().getConnectionAttributeStore().putAsString(IDENTITY_KEY, who.encode());
        metrics.accepted(TRANSPORT, how);
        output.authenticateSuccessfully();
    }

    private void refuse(SimpleAuthInput input, SimpleAuthOutput output, ConnackReasonCode code, String reason, String username,
                        String text) {
        metrics.refused(TRANSPORT, reason);
        REFUSALS.warn("MQTT connect refused ({}) for username '{}' client id '{}' from {}", reason, DeviceLogin.printable(username),
                DeviceLogin.printable(input.getClientInformation().getClientId()),
                input.getConnectionInformation().getInetAddress().map(Object::toString).orElse("?"));
        output.failAuthentication(code, text);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.asReadOnlyBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
