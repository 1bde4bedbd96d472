package io.parkops.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How far in each partition of the shared telemetry log the rules of this node have evaluated
 * (cluster mode). Every node reads a partition in the same order, so an offset says exactly which
 * readings a partition's rules have seen: the owner keeps it beside the engine's memory, and the
 * next owner evaluates what came after it, once, and skips a reading it has already evaluated.
 * Used on the rules verticle's event loop only.
 */
final class LogPositions {

    private final Map<Integer, Long> through = new HashMap<>();
    private final Set<Integer> changed = new HashSet<>();

    /** Whether the reading at {@code offset} of {@code partition} is new to the rules; if so it counts as evaluated. */
    boolean admit(int partition, long offset) {
        Long done = through.get(partition);
        if (done != null && offset <= done) {
            return false;
        }
        through.put(partition, offset);
        changed.add(partition);
        return true;
    }

    /** The positions that moved since the last call. */
    Map<Integer, Long> takeChanged() {
        Map<Integer, Long> moved = new HashMap<>();
        changed.forEach(p -> moved.put(p, through.get(p)));
        changed.clear();
        return moved;
    }

    /** Forgets {@code partitions} (given up) and answers where they stood. */
    Map<Integer, Long> remove(Set<Integer> partitions) {
        Map<Integer, Long> last = new HashMap<>();
        for (int p : partitions) {
            Long at = through.remove(p);
            changed.remove(p);
            if (at != null) {
                last.put(p, at);
            }
        }
        return last;
    }

    /** Starts from where the previous owner stood (taken over), unless this node is already further. */
    void adopt(Map<Integer, Long> positions) {
        positions.forEach((p, at) -> through.merge(p, at, Math::max));
    }
}
