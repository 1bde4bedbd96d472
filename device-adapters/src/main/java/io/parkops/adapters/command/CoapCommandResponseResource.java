package io.parkops.adapters.command;

import io.parkops.model.ThingId;
import io.parkops.model.command.CommandUpdate;
import java.util.List;
import java.util.function.Consumer;
import io.parkops.adapters.coap.SubtreeResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /command/res/{tenant}/{deviceId}/{reqId}?hono-cmd-status={status}}: a CoAP device's
 * answer to a command it received on a 2.04, as in Hono's CoAP adapter.
 */
public final class CoapCommandResponseResource extends SubtreeResource {

    private final PendingCommands pending;
    private final Consumer<CommandUpdate> updates;

    public CoapCommandResponseResource(PendingCommands pending, Consumer<CommandUpdate> updates) {
        super("command");
        this.pending = pending;
        this.updates = updates;
    }

    @Override
    protected void handle(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        if (path.size() != 5 || !path.get(1).equals("res") || !ThingId.isValidTenant(path.get(2))
                || !ThingId.isValidDeviceId(path.get(3))) {
            exchange.respond(ResponseCode.BAD_REQUEST, "use /command/res/{tenant}/{deviceId}/{reqId}?hono-cmd-status={status}");
            return;
        }
        String status = exchange.getQueryParameter("hono-cmd-status");
        int code;
        try {
            code = Integer.parseInt(status);
        } catch (NumberFormatException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, "query parameter hono-cmd-status must be a status number, was '" + status + "'");
            return;
        }
        ThingId device = ThingId.of(path.get(2), path.get(3));
        pending.answered(device, path.get(4));
        updates.accept(CommandUpdate.answered(device, path.get(4), code, "CoAP"));
        exchange.respond(ResponseCode.CHANGED);
    }
}
