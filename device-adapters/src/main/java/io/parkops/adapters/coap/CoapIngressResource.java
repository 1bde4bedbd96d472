package io.parkops.adapters.coap;

import io.parkops.adapters.ingest.HandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.model.log.ThrottledLog;
import io.parkops.model.Channel;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import java.util.List;
import java.util.function.Function;
import io.parkops.adapters.command.CoapCommandResponse;
import io.parkops.model.ThingId;
import io.parkops.model.command.DeviceCommand;
import io.parkops.model.Rejection;
import io.parkops.model.flow.IngestContext;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.LoggerFactory;

/**
 * {@code POST|PUT /telemetry/{tenant}/{deviceId}} and {@code /event/...}. One resource answers the
 * whole subtree ({@link #getChild} returns itself) and reads tenant and device from the URI path,
 * the way Hono's CoAP adapter does. An accepted message is answered 2.04 once it is stored
 * (written to InfluxDB or synced to the spool), so a device never hears 2.04 for a message a crash
 * could still lose; a confirmable request that waits long for that gets an empty ACK first
 * ({@link SlowAnswers}) so the device does not retransmit. Without room, over its rate, or when its
 * points could not be stored, a message is refused with 5.03 (4.29 for the rate) and Max-Age.
 */
final class CoapIngressResource extends SubtreeResource {

    private static final ThrottledLog REJECTIONS = new ThrottledLog(LoggerFactory.getLogger(CoapIngressResource.class), 1000);

    private final Channel channel;
    private final TelemetryIngest ingest;
    private final HandOff handOff;
    private final SlowAnswers slow;
    private final Function<ThingId, DeviceCommand> commands;
    private final CoapAccess access;

    /**
     * @param handOff  hands an accepted message on; its context answers the device once it is stored
     * @param slow     sends an empty ACK to requests whose answer takes long
     * @param commands hands out a device's pending command for the 2.04 (Hono style); null for none
     * @param access   decides which device a request speaks for (DTLS identity or, if allowed, the path)
     */
    CoapIngressResource(Channel channel, TelemetryIngest ingest, HandOff handOff, SlowAnswers slow,
                        Function<ThingId, DeviceCommand> commands, CoapAccess access) {
        super(channel.pathSegment());
        this.access = access;
        this.channel = channel;
        this.ingest = ingest;
        this.handOff = handOff;
        this.slow = slow;
        this.commands = commands;
    }

    @Override
    protected void handle(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        CoapAccess.Outcome who = access.resolve(exchange.advanced().getRequest().getSourceContext().getPeerIdentity(),
                path.subList(1, path.size()), "/" + channel.pathSegment() + "/{tenant}/{deviceId}");
        if (who instanceof CoapAccess.Refusal refusal) {
            if (refusal.badAddress()) {
                ingest.countRejected(Transport.COAP, Rejection.BAD_ADDRESS);
            }
            exchange.respond(refusal.code(), refusal.text());
            return;
        }
        CoapAccess.Target target = (CoapAccess.Target) who;
        CoapAnswer answer = new CoapAnswer(exchange, path);
        IngestContext context = handOff.contextFor(Transport.COAP, answer);
        try {
            Telemetry telemetry = ingest.accept(Transport.COAP, channel, target.tenant(), target.deviceId(),
                    exchange.getRequestOptions().getContentFormat(), exchange.getRequestPayload(), System.currentTimeMillis(),
                    context);
            answer.device = telemetry.thingId();
            handOff.handOnAdmitted(telemetry);
            slow.watch(exchange, context);
        } catch (RejectedException e) {
            context.refused(e.reason(), e.getMessage());
        }
    }

    /** The response to one request: 2.04 (with a pending command, Hono style) once stored, else the refusal. */
    private final class CoapAnswer implements IngestContext.Answer {
        private final CoapExchange exchange;
        private final List<String> path;
        private volatile ThingId device;

        CoapAnswer(CoapExchange exchange, List<String> path) {
            this.exchange = exchange;
            this.path = path;
        }

        @Override
        public void stored() {
            // the command is taken only now: a refused message must not carry (and so lose) it
            DeviceCommand command = commands == null || device == null ? null : commands.apply(device);
            exchange.respond(command == null ? new Response(ResponseCode.CHANGED) : CoapCommandResponse.of(command));
        }

        @Override
        public void refused(Rejection reason, String text) {
            REJECTIONS.warn("CoAP {} from {} to {} refused: {}", reason.label(), exchange.getSourceSocketAddress(),
                    String.join("/", path), text);
            exchange.respond(refusal(reason, text));
        }
    }

    /** The error response; 5.03 and 4.29 carry Max-Age: the seconds after which a retry may succeed (RFC 7252 §5.9.3.4). */
    private Response refusal(Rejection reason, String text) {
        Response response = new Response(CoapCodes.of(reason));
        response.setPayload(text);
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        if (reason == Rejection.OVERLOADED || reason == Rejection.NOT_STORED) {
            response.getOptions().setMaxAge(ingest.gate().retryAfterSeconds());
        } else if (reason == Rejection.RATE_LIMITED) {
            response.getOptions().setMaxAge(1);
        }
        return response;
    }
}
