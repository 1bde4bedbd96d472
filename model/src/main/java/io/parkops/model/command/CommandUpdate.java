package io.parkops.model.command;

import io.parkops.model.ThingId;
import java.util.Objects;

/**
 * What an adapter learned about a command: handed to the device ({@link CommandState#SENT}) or
 * answered by it (status 2xx: {@link CommandState#ACKNOWLEDGED}, otherwise {@link CommandState#FAILED}).
 *
 * @param status the device's status code for answers (HTTP-like, as Hono), 0 otherwise
 * @param detail a short text for people (transport, error)
 */
public record CommandUpdate(ThingId thingId, String reqId, CommandState state, int status, String detail) {

    public CommandUpdate {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(reqId, "reqId");
        Objects.requireNonNull(state, "state");
    }

    /** The update for a device's answer with {@code status}. */
    public static CommandUpdate answered(ThingId thingId, String reqId, int status, String transport) {
        return new CommandUpdate(thingId, reqId, status >= 200 && status < 300 ? CommandState.ACKNOWLEDGED
                : CommandState.FAILED, status, "answered over " + transport);
    }
}
