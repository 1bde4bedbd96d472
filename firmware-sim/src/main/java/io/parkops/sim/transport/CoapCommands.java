package io.parkops.sim.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.californium.core.CoapResponse;

/**
 * Reads a command riding on a 2.04 the way Hono's CoAP adapter sends it: name in the location
 * query {@code hono-command=}, request id as the last location-path segment
 * ({@code command/res/{reqId}}), arguments as the payload.
 */
final class CoapCommands {

    /** Receives the device's answer for a request id. */
    @FunctionalInterface
    interface Answer {
        void send(String reqId, int status);
    }

    private CoapCommands() {
    }

    static void obey(CoapResponse response, DeviceLink.CommandHandler handler, Answer answer) {
        if (handler == null) {
            return;
        }
        String name = null;
        for (String query : response.getOptions().getLocationQuery()) {
            if (query.startsWith("hono-command=")) {
                name = query.substring("hono-command=".length());
            }
        }
        List<String> path = response.getOptions().getLocationPath();
        if (name == null || path.size() != 3 || !path.get(0).equals("command")) {
            return;
        }
        int status = handler.handle(name, new String(response.getPayload(), StandardCharsets.UTF_8));
        answer.send(path.get(2), status);
    }
}
