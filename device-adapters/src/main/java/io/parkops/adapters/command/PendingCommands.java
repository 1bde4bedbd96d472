package io.parkops.adapters.command;

import io.parkops.model.ThingId;
import io.parkops.model.command.DeviceCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commands waiting for a CoAP device's next request, the latest per command name (a newer
 * setpoint replaces an older one that never left). Thread-safe: Californium's threads take,
 * the event bus offers.
 */
public final class PendingCommands {

    private final Map<ThingId, LinkedHashMap<String, DeviceCommand>> byDevice = new ConcurrentHashMap<>();

    public void offer(DeviceCommand command) {
        byDevice.compute(command.thingId(), (id, queue) -> {
            LinkedHashMap<String, DeviceCommand> q = queue == null ? new LinkedHashMap<>() : queue;
            q.remove(command.name());
            q.put(command.name(), command);
            return q;
        });
    }

    /** The oldest unexpired command for the device, removed; null when none. */
    public DeviceCommand take(ThingId device, long now) {
        DeviceCommand[] taken = new DeviceCommand[1];
        byDevice.computeIfPresent(device, (id, queue) -> {
            var it = queue.values().iterator();
            while (it.hasNext() && taken[0] == null) {
                DeviceCommand c = it.next();
                it.remove();
                if (!c.expired(now)) {
                    taken[0] = c;
                }
            }
            return queue.isEmpty() ? null : queue;
        });
        return taken[0];
    }

    /**
     * The device's unexpired commands, oldest first, left in place: the MQTT endpoint sends them again
     * when the device (or its gateway) subscribes, until the device answers or they expire.
     */
    public List<DeviceCommand> unexpired(ThingId device, long now) {
        List<List<DeviceCommand>> copy = new java.util.ArrayList<>(1);
        byDevice.computeIfPresent(device, (id, queue) -> { // inside the map's lock, as every change of a queue
            copy.add(queue.values().stream().filter(c -> !c.expired(now)).toList());
            return queue;
        });
        return copy.isEmpty() ? List.of() : copy.get(0);
    }

    /** Drops a command the device already answered (over another transport). */
    public void answered(ThingId device, String reqId) {
        byDevice.computeIfPresent(device, (id, queue) -> {
            queue.values().removeIf(c -> c.reqId().equals(reqId));
            return queue.isEmpty() ? null : queue;
        });
    }
}
