package io.parkops.model.command;

import io.parkops.model.ThingId;
import java.util.Objects;

/**
 * A command for one device, as the twin service asks the adapters to deliver it: over MQTT on
 * {@code command/{tenant}/{deviceId}/req/{reqId}/{name}}, over CoAP on the 2.04 of the device's
 * next request.
 *
 * @param thingId   the device
 * @param reqId     request id the device echoes in its response (topic-safe: letters, digits, '-')
 * @param name      command name from the device type (e.g. {@code setSetpoint})
 * @param payload   JSON text of the command's arguments
 * @param expiresAt epoch ms after which the command must not be delivered any more
 */
public record DeviceCommand(ThingId thingId, String reqId, String name, String payload, long expiresAt) {

    public DeviceCommand {
        Objects.requireNonNull(thingId, "thingId");
        if (reqId == null || !reqId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("reqId '" + reqId + "' must be 1-64 letters, digits or '-'");
        }
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("command name '" + name + "' is not valid");
        }
        Objects.requireNonNull(payload, "payload");
    }

    public boolean expired(long now) {
        return now >= expiresAt;
    }
}
