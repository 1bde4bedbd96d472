package io.parkops.platform;

import io.parkops.model.config.SharedConfig;
import io.parkops.rules.suppress.MaintenanceWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Maintenance windows in a cluster. They are a file, {@code {data dir}/maintenance.json}, edited by
 * hand; the rules re-read it every 2 s. Here an edit of one node's file (checked every second) is
 * shared as the file's text (key {@code maintenance/windows}, a tombstone when the file is
 * removed), and a shared text is written into every node's file, which the rules then read at once.
 * A file the rules would refuse is not shared. The text last shared or applied is remembered, so a
 * file this class wrote is not shared back (no echo).
 *
 * <p>At start the cluster's copy wins: a node's own file is replaced by the shared text; the first
 * node of a cluster whose topic has none shares its file.
 */
final class MaintenanceShare {

    static final String ID = "windows";

    private final Path file;
    private final Runnable reload;
    private SharedConfig shared = SharedConfig.LOCAL;
    private String known;
    private boolean knownSet;

    /** @param reload makes the rules read the file now */
    MaintenanceShare(Path file, Runnable reload) {
        this.file = file;
        this.reload = reload;
    }

    synchronized void shareThrough(SharedConfig sharedConfig) {
        this.shared = sharedConfig;
    }

    /** The shared text (null: no windows): written to this node's file, then read by the rules. */
    synchronized void applyShared(String id, String text) {
        if (!ID.equals(id)) {
            throw new IllegalArgumentException("maintenance record '" + id + "' is not '" + ID + "'");
        }
        if (text != null) {
            MaintenanceWindows.parse(text, "shared maintenance windows"); // refuse what the rules would refuse
        }
        try {
            if (text == null) {
                Files.deleteIfExists(file);
            } else if (!text.equals(read())) {
                Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        known = text;
        knownSet = true;
        reload.run();
    }

    /**
     * Shares this node's file when it differs from what was last shared or applied and the rules
     * accept it. Blocking (file and Kafka): call it from a worker.
     */
    synchronized void check() {
        String text = read();
        if (knownSet && Objects.equals(text, known)) {
            return;
        }
        if (text != null) {
            try {
                MaintenanceWindows.parse(text, file.getFileName().toString());
            } catch (RuntimeException refused) {
                return; // the rules log it and keep the windows in force; nothing to share
            }
        }
        if (!knownSet && text == null) {
            knownSet = true; // nothing shared and nothing here: nothing to say
            return;
        }
        shared.publish(SharedConfig.Kind.MAINTENANCE, ID, text);
        known = text;
        knownSet = true;
    }

    private String read() {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
