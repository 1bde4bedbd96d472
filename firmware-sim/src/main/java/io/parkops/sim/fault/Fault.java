package io.parkops.sim.fault;

import java.util.Arrays;
import java.util.Locale;

/** A way real device firmware misbehaves, injected on purpose to exercise the platform. */
public enum Fault {
    /** The sensor freezes: the device keeps sending its first reading with fresh timestamps. */
    STUCK,
    /** The device goes silent for a few intervals now and then; nothing is buffered for that time. */
    DROPOUT,
    /** The device clock is off by minutes, so {@code ts} lies in the past or future. */
    SKEW,
    /** Now and then the device sends several readings at once, as firmware flushing a backlog. */
    BURST,
    /** The same message (same {@code ts}) is sent twice, as after a lost acknowledgement. */
    DUPLICATE,
    /** A message is held back and sent after the next one, so timestamps go backwards. */
    REORDER,
    /** The payload is broken: truncated JSON or a field of the wrong type. */
    MALFORMED;

    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Fault parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault '" + text.trim() + "' is not one of "
                    + String.join(",", Arrays.stream(values()).map(Fault::flag).toList()));
        }
    }
}
