package io.parkops.rules.store;

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
