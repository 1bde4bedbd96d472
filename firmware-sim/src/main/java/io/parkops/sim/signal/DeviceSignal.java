package io.parkops.sim.signal;

import java.util.Map;

/**
 * The firmware of one simulated device: what it would measure at a given instant.
 *
 * <p>Implementations are pure Java and deterministic: the same seed and the same sequence of
 * sample times give the same readings, so a run can be replayed and unit-tested without a
 * network or a real clock. They may keep state between samples (an energy register, a control
 * loop), so callers pass non-decreasing times.
 */
public interface DeviceSignal {

    /**
     * The reading at {@code epochMillis}: contract property name to value ({@code Double},
     * {@code Long}, {@code Boolean} or {@code String}), in a stable order.
     */
    Map<String, Object> sample(long epochMillis);

    /**
     * Obeys a command from the platform and answers with a status (HTTP-like, as Hono): 200 done,
     * 400 bad arguments, 404 a command this firmware does not know.
     */
    default int command(String name, String payloadJson) {
        return 404;
    }

    /** Whether this firmware takes commands at all; only then does its link subscribe to them. */
    default boolean acceptsCommands() {
        return false;
    }
}
