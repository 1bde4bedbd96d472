package io.parkops.adapters.mqtt.auth;

import com.hivemq.extension.sdk.api.services.Services;
import io.parkops.adapters.mqtt.PublishGuard;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.PasswordVerifier;
import io.parkops.adapters.security.PersonTokens;
import io.parkops.adapters.security.ServiceLogin;

/**
 * Device authentication and per-device topic authorization (a gateway also on the topics of the
 * devices that name it in {@code via}) for the embedded HiveMQ CE broker,
 * installed by the platform's embedded extension (in-process, no extension folder or jar): HiveMQ calls
 * {@link DeviceAuthenticator} on every CONNECT and {@link DeviceAuthorizer} on every PUBLISH
 * and SUBSCRIBE. With PARKOPS_MQTT_ALLOW_UNAUTHENTICATED the platform leaves this extension out
 * and the broker is open as it was before device authentication (labs, tests).
 *
 * @see io.parkops.adapters.mqtt.EmbeddedBrokerVerticle#withSecurity
 */
public final class BrokerSecurity implements AutoCloseable {

    private final PasswordVerifier verifier;
    private final DeviceAuthenticator authenticator;
    private final DeviceAuthorizer authorizer;
    private final RevokedPeople revoked;

    /**
     * @param shareGroup the platform's shared-subscription group (the service login may subscribe only within it)
     * @param people     who an API token belongs to (people may subscribe to alerts with their token)
     */
    public BrokerSecurity(DeviceRegistry registry, ServiceLogin service, String shareGroup, PersonTokens people,
                          DeviceAuthMetrics metrics) {
        this.verifier = PasswordVerifier.forSignIns(registry);
        this.revoked = new RevokedPeople(people);
        this.authenticator = new DeviceAuthenticator(verifier, service, people, revoked, metrics);
        this.authorizer = new DeviceAuthorizer(new TopicPolicy(shareGroup, registry), registry, metrics);
    }

    /** Registers the authenticator and authorizer; called from the embedded extension's start. */
    public void install() {
        Services.securityRegistry().setAuthenticatorProvider(input -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(input -> authorizer);
        Services.eventRegistry().setClientLifecycleEventListener(input -> revoked);
    }

    /** The topic policy for publishers, for the broker intake (which sees device telemetry before HiveMQ's authorizers). */
    public PublishGuard publishGuard() {
        return authorizer;
    }

    @Override
    public void close() {
        verifier.close();
    }
}
