package io.parkops.adapters.coap;

import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.model.Addresses;
import io.parkops.model.Channel;
import io.parkops.model.Telemetry;
import io.parkops.adapters.command.CoapCommandResponseResource;
import io.parkops.adapters.command.PendingCommands;
import io.parkops.model.ThingId;
import io.parkops.model.command.CommandState;
import io.parkops.model.command.CommandUpdate;
import io.parkops.model.command.DeviceCommand;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain CoAP ingress (Californium) on {@code PARKOPS_COAP_PORT}. Accepted messages go to
 * {@link Addresses#TELEMETRY}; the 2.04 is sent once the message is decoded and handed on.
 */
public final class CoapIngressVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(CoapIngressVerticle.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final CoapIngressConfig config;
    private final TelemetryIngest ingest;
    private volatile CoapServer server;
    private volatile int boundPort = -1;
    private PendingCommands commands;

    public CoapIngressVerticle(CoapIngressConfig config, TelemetryIngest ingest) {
        this.config = config;
        this.ingest = ingest;
    }

    /** Delivers pending commands on 2.04 responses and serves {@code /command/res/...}; call before deploying. */
    public CoapIngressVerticle withCommands(PendingCommands pending) {
        this.commands = pending;
        return this;
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
        // Californium binds sockets and starts its threads synchronously: keep that off the event loop.
        return vertx.executeBlocking(() -> {
            Configuration cfg = Configuration.createStandardWithoutFile();
            // Blockwise transfers above the payload limit are refused by Californium itself with 4.13.
            cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, ingest.maxPayloadBytes());
            CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(cfg)
                    .setInetSocketAddress(new InetSocketAddress(config.bindAddress(), config.port())).build();
            CoapServer s = new CoapServer(cfg);
            s.addEndpoint(endpoint);
            for (Channel channel : Channel.values()) {
                s.add(new CoapIngressResource(channel, ingest, this::forward, commands == null ? null : this::takeCommand));
            }
            if (commands != null) {
                s.add(new CoapCommandResponseResource(commands, u -> vertx.eventBus().send(Addresses.COMMAND_UPDATE, u)));
            }
            s.start();
            boundPort = endpoint.getAddress().getPort();
            server = s;
            LOG.info("CoAP ingress listening on udp {}:{}", config.bindAddress(), boundPort);
            return boundPort;
        });
    }

    private DeviceCommand takeCommand(ThingId device) {
        DeviceCommand command = commands.take(device, System.currentTimeMillis());
        if (command != null) {
            vertx.eventBus().send(Addresses.COMMAND_UPDATE, new CommandUpdate(device, command.reqId(), CommandState.SENT, 0,
                    "sent on a CoAP 2.04"));
        }
        return command;
    }

    private void forward(Telemetry telemetry) {
        vertx.eventBus().send(Addresses.TELEMETRY, telemetry);
    }

    @Override
    public Future<?> stop() {
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
