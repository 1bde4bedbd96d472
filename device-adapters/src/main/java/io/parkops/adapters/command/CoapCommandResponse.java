package io.parkops.adapters.command;

import io.parkops.model.command.DeviceCommand;
import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * A 2.04 that carries a command, as Hono's CoAP adapter sends it: the arguments as the JSON
 * payload, the command name in the location query {@code hono-command={name}} and the request id
 * in the location path {@code command/res/{reqId}}, where the device posts its answer.
 */
public final class CoapCommandResponse {

    private CoapCommandResponse() {
    }

    public static Response of(DeviceCommand command) {
        Response response = new Response(ResponseCode.CHANGED);
        response.setPayload(command.payload().getBytes(StandardCharsets.UTF_8));
        response.getOptions()
                .setContentFormat(MediaTypeRegistry.APPLICATION_JSON)
                .addLocationPath("command").addLocationPath("res").addLocationPath(command.reqId())
                .addLocationQuery("hono-command=" + command.name());
        return response;
    }
}
