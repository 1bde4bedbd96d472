package io.parkops.rules.store;

import io.parkops.model.config.SharedConfig;
import io.parkops.rules.engine.RuleSet;
import io.parkops.rules.engine.RuleSetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule files under {@code {data dir}/rules/*.json}: read in name order and laid over the
 * defaults (a file's rule replaces a default of the same id). Validated as a whole: one bad file
 * rejects the reload and the rules in force stay. Blocking file I/O: call from a worker thread.
 */
public final class RuleFiles {

    private final Path dir;

    public RuleFiles(Path dir) {
        this.dir = dir;
    }

    /** A cheap fingerprint of the directory (names, sizes, times) to notice changes. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Path file : files()) {
            try {
                sb.append(file.getFileName()).append(':').append(Files.size(file)).append(':')
                        .append(Files.getLastModifiedTime(file).toMillis()).append(';');
            } catch (IOException e) {
                sb.append(file.getFileName()).append(":gone;");
            }
        }
        return sb.toString();
    }

    /** The defaults overlaid with every file; throws {@link RuleSetException} naming the file and field. */
    public RuleSet load(RuleSet defaults) {
        RuleSet rules = defaults;
        for (Path file : files()) {
            try {
                rules = rules.overlay(RuleSet.parse(Files.readAllBytes(file), file.getFileName().toString()));
            } catch (IOException e) {
                throw new RuleSetException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
            }
        }
        return rules;
    }

    /** Writes one rule's file {@code {ruleId}.json} (atomically: write then move). */
    public void write(String ruleId, String json) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + ruleId + ".json.tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(ruleId + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rule file for '" + ruleId + "'", e);
        }
    }

    /** Deletes {@code {ruleId}.json}; false when there is no such file. */
    public boolean delete(String ruleId) {
        try {
            return Files.deleteIfExists(dir.resolve(ruleId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete rule file for '" + ruleId + "'", e);
        }
    }

    /** A refused edit: {@code status} is the HTTP status to answer with. */
    public static final class EditException extends RuntimeException {
        private final int status;

        public EditException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Validates one rule (JSON of one rule object) together with every other rule, then writes it as
     * {@code {ruleId}.json}. Returns the rules that are then in force.
     */
    public RuleSet put(String ruleId, String body, RuleSet defaults) {
        return put(ruleId, body, defaults, SharedConfig.LOCAL);
    }

    /**
     * As {@link #put(String, String, RuleSet)}, the checked rule going through {@code shared} before
     * it is written (blocking until it is); a rule {@code shared} refuses is not written (503).
     */
    public RuleSet put(String ruleId, String body, RuleSet defaults, SharedConfig shared) {
        if (dir == null) {
            throw new EditException(409, "rules are not editable: the platform runs without a data dir");
        }
        RuleSet one;
        try {
            one = RuleSet.parse(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "body");
        } catch (RuleSetException e) {
            throw new EditException(400, e.getMessage());
        }
        if (one.size() != 1 || one.find(ruleId).isEmpty()) {
            throw new EditException(400, "body: must be one rule whose field 'id' is '" + ruleId + "' (the id in the path)");
        }
        RuleSet candidate;
        try {
            candidate = load(defaults).overlay(one);
        } catch (RuleSetException e) {
            throw new EditException(409, "another rule file is invalid, fix it first: " + e.getMessage());
        }
        share(shared, ruleId, body);
        write(ruleId, body);
        return candidate;
    }

    private static void share(SharedConfig shared, String ruleId, String body) {
        try {
            shared.publish(SharedConfig.Kind.RULE, ruleId, body);
        } catch (SharedConfig.Unavailable e) {
            throw new EditException(503, e.getMessage());
        }
    }

    /** Deletes the file of a rule; a default rule without a file cannot be deleted (override it instead). */
    public RuleSet remove(String ruleId, RuleSet defaults) {
        return remove(ruleId, defaults, SharedConfig.LOCAL);
    }

    /** As {@link #remove(String, RuleSet)}, the removal going through {@code shared} first. */
    public RuleSet remove(String ruleId, RuleSet defaults, SharedConfig shared) {
        if (dir == null || !Files.exists(dir.resolve(ruleId + ".json"))) {
            if (defaults.find(ruleId).isPresent()) {
                throw new EditException(409, "rule '" + ruleId + "' is a default rule; replace it with PUT (for example "
                        + "with a narrower scope) instead of deleting it");
            }
            throw new EditException(404, "no rule file for '" + ruleId + "' (rules in other files are changed there)");
        }
        share(shared, ruleId, null);
        delete(ruleId);
        return load(defaults);
    }

    private List<Path> files() {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
