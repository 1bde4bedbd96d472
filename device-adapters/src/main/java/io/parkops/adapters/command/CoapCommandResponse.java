package io.parkops.adapters.command;

import io.parkops.model.command.DeviceCommand;
import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * A 2.04 that carries a command, as Hono's CoAP adapter sends it: the arguments as the JSON
 * payload, the command name in the location query {@code hono-command={name}} and the location
 * path where the device posts its answer: {@code command/res/{reqId}} for a device signed in over
 * CoAPS, {@code command/res/{tenant}/{deviceId}/{reqId}} for an unauthenticated one.
 */
public final class CoapCommandResponse {

    private CoapCommandResponse() {
    }

    public static Response of(DeviceCommand command) {
        return of(command, true);
    }

    public static Response of(DeviceCommand command, boolean authenticated) {
        Response response = new Response(ResponseCode.CHANGED);
        response.setPayload(command.payload().getBytes(StandardCharsets.UTF_8));
        var options = response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON)
                .addLocationPath("command").addLocationPath("res");
        if (!authenticated) {
            options.addLocationPath(command.thingId().tenant()).addLocationPath(command.thingId().deviceId());
        }
        options.addLocationPath(command.reqId()).addLocationQuery("hono-command=" + command.name());
        return response;
    }
}
