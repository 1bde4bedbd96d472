package io.parkops.adapters.coap;

import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.ingest.HandOff;
import io.parkops.model.Addresses;
import io.parkops.model.Channel;
import io.parkops.adapters.command.CoapCommandResponseResource;
import io.parkops.adapters.command.PendingCommands;
import io.parkops.model.ThingId;
import io.parkops.model.command.CommandState;
import io.parkops.model.command.CommandUpdate;
import io.parkops.model.command.DeviceCommand;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoAP ingress (Californium) on {@code PARKOPS_COAP_PORT}, and CoAPS on {@code PARKOPS_COAPS_PORT}
 * when secured. Accepted messages go on through a {@link HandOff}; the 2.04 is sent once the
 * message is stored (see {@link CoapIngressResource}).
 */
public final class CoapIngressVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(CoapIngressVerticle.class);
    /** How often requests that wait long for storage are looked at (see {@link SlowAnswers}). */
    private static final long SWEEP_MILLIS = 250;

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapIngressConfig config;
    private final TelemetryIngest ingest;
    private volatile CoapServer server;
    private HandOff handOff;
    private final SlowAnswers slow;
    private long sweepTimer = -1;
    private volatile int boundPort = -1;
    private PendingCommands commands;
    private CoapsConfig coaps;
    private volatile int boundSecurePort = -1;

    public CoapIngressVerticle(CoapIngressConfig config, TelemetryIngest ingest) {
        this.config = config;
        this.ingest = ingest;
        this.slow = new SlowAnswers(config.separateAckAfter());
    }

    /** Delivers pending commands on 2.04 responses and serves {@code /command/res/...}; call before deploying. */
    public CoapIngressVerticle withCommands(PendingCommands pending) {
        this.commands = pending;
        return this;
    }

    /**
     * Serves the same resources over CoAPS (DTLS 1.2 PSK) too, and refuses plain CoAP unless
     * {@code coapsConfig} allows it; without this, plain CoAP is open as before. Call before deploying.
     */
    public CoapIngressVerticle withSecurity(CoapsConfig coapsConfig) {
        this.coaps = coapsConfig;
        return this;
    }

    /** The CoAPS UDP port actually bound, or -1 before start or without CoAPS. */
    public int securePort() {
        return boundSecurePort;
    }

    /** The UDP port actually bound (useful when configured as 0), or -1 before start. */
    public int port() {
        return boundPort;
    }

    public boolean isRunning() {
        return server != null;
    }

    @Override
    public Future<?> start() {
        handOff = new HandOff(context, ingest, "CoAP ingress");
        sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, t -> slow.sweep(System.nanoTime()));
        // Californium binds sockets and starts its threads synchronously: keep that off the event loop.
        return vertx.executeBlocking(() -> {
            Configuration cfg = Configuration.createStandardWithoutFile();
            // Blockwise transfers above the payload limit are refused by Californium itself with 4.13.
            cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, ingest.maxPayloadBytes());
            boundDeduplication(cfg, config);
            CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(cfg)
                    .setInetSocketAddress(new InetSocketAddress(config.bindAddress(), config.port())).build();
            CoapServer s = new CoapServer(cfg);
            s.addEndpoint(endpoint);
            CoapEndpoint secure = coaps == null ? null : secureEndpoint(cfg);
            if (secure != null) {
                s.addEndpoint(secure);
            }
            CoapAccess access = coaps == null ? CoapAccess.OPEN
                    : new CoapAccess(coaps.allowUnauthenticated(), () -> boundSecurePort, coaps.metrics(), coaps.registry());
            for (Channel channel : Channel.values()) {
                s.add(new CoapIngressResource(channel, ingest, handOff, slow, commands == null ? null : this::takeCommand, access));
            }
            if (commands != null) {
                s.add(new CoapCommandResponseResource(commands, u -> vertx.eventBus().send(Addresses.COMMAND_UPDATE, u), access));
            }
            s.start();
            boundPort = endpoint.getAddress().getPort();
            if (secure != null) {
                boundSecurePort = secure.getAddress().getPort();
                LOG.info("CoAPS (DTLS 1.2 PSK) ingress listening on udp {}:{}; plain CoAP {}", config.bindAddress(), boundSecurePort,
                        coaps.allowUnauthenticated() ? "also accepted (PARKOPS_COAP_ALLOW_UNAUTHENTICATED)" : "refused with 4.01");
            }
            server = s;
            LOG.info("CoAP ingress listening on udp {}:{}", config.bindAddress(), boundPort);
            return boundPort;
        });
    }

    /**
     * Californium keeps every exchange (request and response, about 2.7 KB of heap) to answer a
     * retransmitted confirmable message from memory, by default for 247 s: at a sustained 4,000
     * messages/s that is a gigabyte, and the heap runs out in minutes. A device retransmits within
     * MAX_TRANSMIT_SPAN (45 s with the default timers), so a minute is remembered by default, and at
     * most {@code deduplicatedPerDevice} messages per device address: a retransmission older than
     * that is taken again, which writes the same point (same device timestamp) once more.
     */
    static void boundDeduplication(Configuration cfg, CoapIngressConfig config) {
        cfg.set(CoapConfig.EXCHANGE_LIFETIME, config.deduplication().toSeconds(), TimeUnit.SECONDS);
        cfg.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        cfg.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, config.deduplicatedPerDevice());
    }

    private CoapEndpoint secureEndpoint(Configuration cfg) {
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(cfg)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAddress(new InetSocketAddress(config.bindAddress(), coaps.port()))
                .setAdvancedPskStore(new RegistryPskStore(coaps.registry(), coaps.metrics()))
                .setHealthHandler(new HandshakeCounter(coaps.metrics()))
                .build();
        return new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(new DTLSConnector(dtls)).build();
    }

    private DeviceCommand takeCommand(ThingId device) {
        DeviceCommand command = commands.take(device, System.currentTimeMillis());
        if (command != null) {
            vertx.eventBus().send(Addresses.COMMAND_UPDATE, new CommandUpdate(device, command.reqId(), CommandState.SENT, 0,
                    "sent on a CoAP 2.04"));
        }
        return command;
    }

    /** Messages whose devices wait for their answer (on their way, or waiting to be stored). */
    public int waiting() {
        HandOff h = handOff;
        return h == null ? 0 : h.waiting();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweepTimer);
        CoapServer s = server;
        server = null;
        if (s == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            s.destroy();
            return null;
        });
    }
}
