package io.parkops.model.command;

import java.util.Locale;

/** Where a device command is in its life: issued, handed to the device, answered, or given up. */
public enum CommandState {
    PENDING, SENT, ACKNOWLEDGED, FAILED, EXPIRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == ACKNOWLEDGED || this == FAILED || this == EXPIRED;
    }
}
