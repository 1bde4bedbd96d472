package io.parkops.adapters.command;

import io.parkops.model.ThingId;
import io.parkops.model.command.DeviceCommand;

/**
 * The MQTT command topics of ARCHITECTURE §3 (Hono's conventions):
 * {@code command/{tenant}/{deviceId}/req/{reqId}/{command}} to the device and
 * {@code command/{tenant}/{deviceId}/res/{reqId}/{status}} back.
 */
public final class CommandTopics {

    private CommandTopics() {
    }

    public static String request(DeviceCommand command) {
        return "command/" + command.thingId().tenant() + '/' + command.thingId().deviceId() + "/req/"
                + command.reqId() + '/' + command.name();
    }

    public static String sharedResponseFilter(String shareGroup) {
        return "$share/" + shareGroup + "/command/+/+/res/#";
    }

    /** A device's answer, parsed from its topic; null when the topic is not a valid response topic. */
    public static Response parseResponse(String topic) {
        String[] p = topic.split("/", -1);
        if (p.length != 6 || !p[0].equals("command") || !p[3].equals("res")
                || !ThingId.isValidTenant(p[1]) || !ThingId.isValidDeviceId(p[2]) || p[4].isEmpty()) {
            return null;
        }
        try {
            return new Response(ThingId.of(p[1], p[2]), p[4], Integer.parseInt(p[5]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A parsed response topic. */
    public record Response(ThingId thingId, String reqId, int status) {
    }
}
