package io.parkops.adapters.command;

import io.parkops.model.ThingId;
import io.parkops.model.command.CommandUpdate;
import java.util.List;
import java.util.function.Consumer;
import io.parkops.adapters.coap.CoapAccess;
import io.parkops.adapters.coap.SubtreeResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /command/res/{tenant}/{deviceId}/{reqId}?hono-cmd-status={status}}: a CoAP device's
 * answer to a command it received on a 2.04, as in Hono's CoAP adapter. Over CoAPS the short
 * form {@code /command/res/{reqId}} answers for the signed-in device, and a long form must name it.
 */
public final class CoapCommandResponseResource extends SubtreeResource {

    private static final String USAGE = "/command/res/{tenant}/{deviceId}/{reqId}?hono-cmd-status={status}";

    private final PendingCommands pending;
    private final Consumer<CommandUpdate> updates;
    private final CoapAccess access;

    public CoapCommandResponseResource(PendingCommands pending, Consumer<CommandUpdate> updates) {
        this(pending, updates, CoapAccess.OPEN);
    }

    /** {@code access} decides which device may answer: over CoAPS only the signed-in one ({@code /command/res/{reqId}} too). */
    public CoapCommandResponseResource(PendingCommands pending, Consumer<CommandUpdate> updates, CoapAccess access) {
        super("command");
        this.pending = pending;
        this.updates = updates;
        this.access = access;
    }

    @Override
    protected void handle(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        if (path.size() < 3 || !path.get(1).equals("res")) {
            exchange.respond(ResponseCode.BAD_REQUEST, "use " + USAGE);
            return;
        }
        CoapAccess.Outcome who = access.resolve(exchange.advanced().getRequest().getSourceContext().getPeerIdentity(),
                path.subList(2, path.size() - 1), USAGE);
        if (who instanceof CoapAccess.Refusal refusal) {
            exchange.respond(refusal.code(), refusal.text());
            return;
        }
        CoapAccess.Target target = (CoapAccess.Target) who;
        if (!ThingId.isValidTenant(target.tenant()) || !ThingId.isValidDeviceId(target.deviceId())) {
            exchange.respond(ResponseCode.BAD_REQUEST, "use " + USAGE);
            return;
        }
        String reqId = path.get(path.size() - 1);
        String status = exchange.getQueryParameter("hono-cmd-status");
        int code;
        try {
            code = Integer.parseInt(status);
        } catch (NumberFormatException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, "query parameter hono-cmd-status must be a status number, was '" + status + "'");
            return;
        }
        ThingId device = ThingId.of(target.tenant(), target.deviceId());
        pending.answered(device, reqId);
        updates.accept(CommandUpdate.answered(device, reqId, code, "CoAP"));
        exchange.respond(ResponseCode.CHANGED);
    }
}
