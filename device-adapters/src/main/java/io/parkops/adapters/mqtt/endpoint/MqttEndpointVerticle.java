package io.parkops.adapters.mqtt.endpoint;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.parkops.adapters.command.PendingCommands;
import io.parkops.adapters.ingest.HandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.mqtt.auth.MqttClientIdentity;
import io.parkops.adapters.mqtt.auth.TopicGuard;
import io.parkops.adapters.mqtt.auth.TopicPolicy;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.PasswordVerifier;
import io.parkops.adapters.security.PersonTokens;
import io.parkops.model.Addresses;
import io.parkops.model.AlertNotice;
import io.parkops.model.command.DeviceCommand;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device MQTT endpoint on Vert.x's own MQTT server ({@code PARKOPS_MQTT_ENDPOINT=vertx}), as
 * Eclipse Hono's MQTT adapter is built: ParkOps owns each connection's in-flight window, so one
 * connection (a gateway's) keeps many QoS 1 messages on their way, each PUBACK sent in order once its
 * message is stored. Thin: sign-in is {@link SignIn}, a connection is a {@link DeviceConnection},
 * a PUBLISH goes through {@link InboundPublish}, commands and alerts go out through
 * {@link OutboundRoutes}. One instance: every connection lives on its event loop.
 */
public final class MqttEndpointVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttEndpointVerticle.class);
    /** The service identity's share group; no service client ever signs in here, so it only completes the policy. */
    private static final String SHARE_GROUP = "parkops";

    private final EndpointSettings settings;
    private final TelemetryIngest ingest;
    private final DeviceRegistry registry;
    private final PersonTokens people;
    private final DeviceAuthMetrics metrics;
    private final PendingCommands pending;
    private final Set<DeviceConnection> live = ConcurrentHashMap.newKeySet(); // read by the gauge from any thread
    /** The open connection of each client id; on the verticle's context only. */
    private final java.util.Map<String, DeviceConnection> byClientId = new java.util.HashMap<>();
    /** How often PUBACKs waiting past the store timeout are looked for, over all connections. */
    private static final long EXPIRY_CHECK_MILLIS = 1000;
    private long expirySweep = -1;
    private volatile HandOff handOff;
    private volatile MqttServer plain;
    private volatile MqttServer tls;
    private PasswordVerifier verifier;
    private SignIn signIn;
    private ConnectionServices services;

    public MqttEndpointVerticle(EndpointSettings settings, TelemetryIngest ingest, DeviceRegistry registry, PersonTokens people,
                                DeviceAuthMetrics metrics, PendingCommands pending) {
        this.settings = settings;
        this.ingest = ingest;
        this.registry = registry;
        this.people = people;
        this.metrics = metrics;
        this.pending = pending;
    }

    @Override
    public Future<?> start() {
        handOff = new HandOff(context, ingest, "MQTT endpoint");
        if (!settings.unrestricted()) {
            verifier = PasswordVerifier.forSignIns(registry);
            signIn = new SignIn(verifier, people, metrics);
        }
        Subscriptions<DeviceConnection> subscriptions = new Subscriptions<>();
        OutboundRoutes outbound = new OutboundRoutes(subscriptions, pending, vertx.eventBus());
        TopicGuard guard = new TopicGuard(new TopicPolicy(SHARE_GROUP, registry), registry, metrics);
        services = new ConnectionServices(new InboundPublish(ingest, handOff, guard, outbound::answered), guard, subscriptions,
                outbound, settings.receiveMaximum(), settings.storeTimeout(), live);
        vertx.eventBus().<DeviceCommand>localConsumer(Addresses.COMMAND_TO_MQTT_ENDPOINT, m -> outbound.command(m.body()));
        vertx.eventBus().<AlertNotice>localConsumer(Addresses.ALERT_TO_MQTT_ENDPOINT, m -> outbound.alert(m.body()));
        expirySweep = vertx.setPeriodic(EXPIRY_CHECK_MILLIS, t -> live.forEach(DeviceConnection::expireWaiting));
        return listen(options(settings.port(), false)).compose(server -> {
            plain = server;
            return settings.tlsKeystore() == null ? Future.succeededFuture()
                    : listen(options(settings.tlsPort(), true)).onSuccess(s -> tls = s);
        }).onSuccess(v -> LOG.info("MQTT endpoint (Vert.x) listening on {}:{}{}, receive maximum {} per connection{}", settings.host(),
                plain.actualPort(), tls == null ? "" : " and TLS on " + tls.actualPort(), settings.receiveMaximum(),
                settings.unrestricted() ? ", every client let in unrestricted (PARKOPS_MQTT_ALLOW_UNAUTHENTICATED)" : ""));
    }

    private Future<MqttServer> listen(MqttServerOptions options) {
        return MqttServer.create(vertx, options).endpointHandler(this::onConnect)
                .exceptionHandler(e -> LOG.debug("MQTT endpoint: {}", e.toString())).listen();
    }

    private MqttServerOptions options(int port, boolean secure) {
        MqttServerOptions options = new MqttServerOptions().setHost(settings.host()).setPort(port)
                .setMaxMessageSize(settings.maxMessageBytes());
        if (secure) {
            options.setSsl(true).setKeyCertOptions(new KeyStoreOptions().setType("PKCS12")
                    .setPath(settings.tlsKeystore().toString()).setPassword(settings.tlsPassword()));
        }
        return options;
    }

    private void onConnect(MqttEndpoint endpoint) {
        boolean[] gone = new boolean[1];
        endpoint.closeHandler(v -> gone[0] = true); // a client may leave while its password is checked: then nothing is opened
        Future<MqttClientIdentity> who = signIn == null ? Future.succeededFuture(null) : signIn.check(endpoint, context);
        who.onComplete(signedIn -> {
            if (gone[0]) {
                return;
            }
            if (signedIn.succeeded()) {
                DeviceConnection connection = new DeviceConnection(endpoint, context, signedIn.result(), services);
                endWhenRevoked(connection, endpoint, signedIn.result());
                open(connection, endpoint.clientIdentifier());
            } else {
                SignIn.Refusal refusal = signedIn.cause() instanceof SignIn.Refused r ? r.refusal() : SignIn.Refusal.BUSY;
                endpoint.reject(refusal.code(endpoint.protocolVersion()));
            }
        });
    }

    /** A person signed in with an API token is disconnected when the token is deleted, not at its next sign-in. */
    private void endWhenRevoked(DeviceConnection connection, MqttEndpoint endpoint, MqttClientIdentity who) {
        if (who != null && who.kind() == MqttClientIdentity.Kind.PERSON) {
            connection.whenClosed(people.whenRevoked(who.asPerson(), () -> context.runOnContext(v -> {
                if (endpoint.isConnected()) {
                    endpoint.close();
                }
            })));
        }
    }

    /** Opens a signed-in connection; an older one with the same client id ends (MQTT's session take-over). */
    private void open(DeviceConnection connection, String clientId) {
        if (clientId != null && !clientId.isEmpty()) {
            DeviceConnection older = byClientId.put(clientId, connection);
            connection.whenClosed(() -> byClientId.remove(clientId, connection));
            if (older != null) {
                older.takenOver();
            }
        }
        connection.open(connack());
    }

    /** What MQTT 5 clients are told: how many QoS 1 messages they may have unacknowledged, and what is not offered. */
    private MqttProperties connack() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, settings.receiveMaximum()));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_QOS, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
        return properties;
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(expirySweep);
        Future<Void> closing = Future.all(plain == null ? Future.succeededFuture() : plain.close(),
                tls == null ? Future.succeededFuture() : tls.close()).mapEmpty();
        return closing.onComplete(v -> {
            if (verifier != null) {
                verifier.close();
            }
        });
    }

    /** True once listening. */
    public boolean isRunning() {
        return plain != null;
    }

    /** The MQTT port actually bound (the configured one, or the one picked for port 0). */
    public int port() {
        MqttServer s = plain;
        return s == null ? settings.port() : s.actualPort();
    }

    /** Open client connections. */
    public int connections() {
        return live.size();
    }

    /** QoS 1 messages taken and not yet acknowledged (held for room, on their way, or waiting to be stored). */
    public int waiting() {
        HandOff h = handOff;
        return h == null ? 0 : h.waiting();
    }
}
