package io.parkops.adapters.coap;

import io.parkops.adapters.ingest.DurableHandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.ingest.ThrottledLog;
import io.parkops.model.Channel;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import io.parkops.adapters.command.CoapCommandResponse;
import io.parkops.model.ThingId;
import io.parkops.model.command.DeviceCommand;
import io.parkops.model.Rejection;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.LoggerFactory;

/**
 * {@code POST|PUT /telemetry/{tenant}/{deviceId}} and {@code /event/...}. One resource answers the
 * whole subtree ({@link #getChild} returns itself) and reads tenant and device from the URI path,
 * the way Hono's CoAP adapter does. An accepted message is answered 2.04 once it is durable
 * (written to InfluxDB or synced to the spool), so a device never hears 2.04 for a message a crash
 * could still lose; without room it is refused at once with 5.03 and Max-Age.
 */
final class CoapIngressResource extends SubtreeResource {

    private static final ThrottledLog REJECTIONS = new ThrottledLog(LoggerFactory.getLogger(CoapIngressResource.class), 1000);

    private final Channel channel;
    private final TelemetryIngest ingest;
    private final BiConsumer<Telemetry, DurableHandOff.Sender> sink;
    private final Function<ThingId, DeviceCommand> commands;
    private final CoapAccess access;

    /**
     * @param sink     hands an accepted message on and tells its sender once it is durable: only then is it answered 2.04
     * @param commands hands out a device's pending command for the 2.04 (Hono style); null for none
     * @param access   decides which device a request speaks for (DTLS identity or, if allowed, the path)
     */
    CoapIngressResource(Channel channel, TelemetryIngest ingest, BiConsumer<Telemetry, DurableHandOff.Sender> sink,
                        Function<ThingId, DeviceCommand> commands, CoapAccess access) {
        super(channel.pathSegment());
        this.access = access;
        this.channel = channel;
        this.ingest = ingest;
        this.sink = sink;
        this.commands = commands;
    }

    @Override
    protected void handle(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        CoapAccess.Outcome who = access.resolve(exchange.advanced().getRequest().getSourceContext().getPeerIdentity(),
                path.subList(1, path.size()), "/" + channel.pathSegment() + "/{tenant}/{deviceId}");
        if (who instanceof CoapAccess.Refusal refusal) {
            if (refusal.badAddress()) {
                ingest.countRejected(Transport.COAP, io.parkops.model.Rejection.BAD_ADDRESS);
            }
            exchange.respond(refusal.code(), refusal.text());
            return;
        }
        CoapAccess.Target target = (CoapAccess.Target) who;
        try {
            Telemetry telemetry = ingest.accept(Transport.COAP, channel, target.tenant(), target.deviceId(),
                    exchange.getRequestOptions().getContentFormat(), exchange.getRequestPayload(), System.currentTimeMillis());
            DeviceCommand command = commands == null ? null : commands.apply(telemetry.thingId());
            // answered once the message is written to InfluxDB or synced to the spool, as MQTT's PUBACK
            sink.accept(telemetry, () -> {
                if (command == null) {
                    exchange.respond(ResponseCode.CHANGED);
                } else {
                    exchange.respond(CoapCommandResponse.of(command));
                }
            });
        } catch (RejectedException e) {
            REJECTIONS.warn("CoAP {} from {} to {} refused: {}", e.reason().label(), exchange.getSourceSocketAddress(),
                    String.join("/", path), e.getMessage());
            exchange.respond(refusal(e));
        }
    }

    /** The error response; 5.03 and 4.29 carry Max-Age: the seconds after which a retry may succeed (RFC 7252 §5.9.3.4). */
    private Response refusal(RejectedException e) {
        Response response = new Response(CoapCodes.of(e.reason()));
        response.setPayload(e.getMessage());
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        if (e.reason() == Rejection.OVERLOADED) {
            response.getOptions().setMaxAge(ingest.gate().retryAfterSeconds());
        } else if (e.reason() == Rejection.RATE_LIMITED) {
            response.getOptions().setMaxAge(1);
        }
        return response;
    }
}
