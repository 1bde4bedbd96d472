package io.parkops.adapters.mqtt.endpoint;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.parkops.model.log.ThrottledLog;
import io.parkops.adapters.mqtt.auth.MqttClientIdentity;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.DeviceLogin;
import io.parkops.adapters.security.PasswordVerifier;
import io.parkops.adapters.security.PersonTokens;
import io.parkops.model.ThingId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Decides who a CONNECT on the endpoint is, as the embedded broker's authenticator does: a person
 * with an API token as the password (any username), or a device's {@code {deviceId}@{tenant}} with
 * its password, checked by {@link PasswordVerifier} on its own pool (the token lookup runs on a
 * worker), so the event loop never waits. Every outcome is counted in
 * {@code parkops_device_auth_total{transport="mqtt"}}. A refusal is a failed future carrying a
 * {@link Refused}, turned into CONNACK codes only at the edge.
 */
final class SignIn {

    private static final String TRANSPORT = "mqtt";
    private static final ThrottledLog REFUSALS = new ThrottledLog(LoggerFactory.getLogger(SignIn.class), 1000);

    /** Why a CONNECT was refused, with its CONNACK code for MQTT 3.1.1 and for MQTT 5. */
    enum Refusal {
        NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5),
        BAD_CREDENTIALS(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD),
        BUSY(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY);

        private final MqttConnectReturnCode v311;
        private final MqttConnectReturnCode v5;

        Refusal(MqttConnectReturnCode v311, MqttConnectReturnCode v5) {
            this.v311 = v311;
            this.v5 = v5;
        }

        MqttConnectReturnCode code(int protocolVersion) {
            return protocolVersion >= 5 ? v5 : v311;
        }
    }

    /** A refused CONNECT: the CONNACK's reason. */
    static final class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal, String text) {
            super(text, null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    private final PasswordVerifier verifier;
    private final PersonTokens people;
    private final DeviceAuthMetrics metrics;

    SignIn(PasswordVerifier verifier, PersonTokens people, DeviceAuthMetrics metrics) {
        this.verifier = verifier;
        this.people = people;
        this.metrics = metrics;
    }

    /** Who the client is, completed on {@code context}; failed with {@link Refused} when it may not connect. */
    Future<MqttClientIdentity> check(MqttEndpoint endpoint, Context context) {
        String username = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
        if (username == null) {
            return refuse(endpoint, Refusal.NOT_AUTHORIZED, "no_username", "this endpoint needs username {deviceId}@{tenant} and the device's password");
        }
        // a token is 256 random bits, hashed and looked up: cheap enough to try before the device login
        Future<Optional<PersonTokens.Person>> person = password == null ? Future.succeededFuture(Optional.empty())
                : context.executeBlocking(() -> people.find(password), false);
        return person.compose(name -> name.isPresent() ? accept(MqttClientIdentity.person(name.get()), "api_token")
                : device(endpoint, context, username, password));
    }

    private Future<MqttClientIdentity> device(MqttEndpoint endpoint, Context context, String username, String password) {
        Optional<ThingId> device = DeviceLogin.parse(username);
        if (device.isEmpty()) {
            return refuse(endpoint, Refusal.BAD_CREDENTIALS, "malformed_username", "username must be {deviceId}@{tenant}");
        }
        byte[] secret = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        return Future.fromCompletionStage(verifier.verify(device.get(), secret), context)
                .recover(e -> Future.succeededFuture(PasswordVerifier.Outcome.BUSY))
                .compose(outcome -> decide(endpoint, device.get(), outcome));
    }

    private Future<MqttClientIdentity> decide(MqttEndpoint endpoint, ThingId device, PasswordVerifier.Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> accept(MqttClientIdentity.device(device), "password");
            case ACCEPTED_CACHED -> accept(MqttClientIdentity.device(device), "password_cached");
            case NO_PASSWORD -> refuse(endpoint, Refusal.NOT_AUTHORIZED, outcome.label(), "no MQTT password is provisioned for this device");
            case BUSY -> refuse(endpoint, Refusal.BUSY, outcome.label(), "too many sign-ins at once; try again");
            // unknown device and wrong password look the same to the client: no probing for device ids
            case UNKNOWN_DEVICE, WRONG_PASSWORD -> refuse(endpoint, Refusal.BAD_CREDENTIALS, outcome.label(), "bad username or password");
        };
    }

    private Future<MqttClientIdentity> accept(MqttClientIdentity who, String how) {
        metrics.accepted(TRANSPORT, how);
        return Future.succeededFuture(who);
    }

    private Future<MqttClientIdentity> refuse(MqttEndpoint endpoint, Refusal refusal, String reason, String text) {
        metrics.refused(TRANSPORT, reason);
        REFUSALS.warn("MQTT connect refused ({}) for username '{}' client id '{}' from {}", reason,
                DeviceLogin.printable(endpoint.auth() == null ? null : endpoint.auth().getUsername()),
                DeviceLogin.printable(endpoint.clientIdentifier()), endpoint.remoteAddress());
        return Future.failedFuture(new Refused(refusal, text));
    }
}
