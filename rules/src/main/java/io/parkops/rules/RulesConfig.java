package io.parkops.rules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules module's settings.
 *
 * @param dataDir      the platform's data dir: rule files in {@code {dataDir}/rules/*.json}, the store in
 *                     {@code {dataDir}/rules/state.mv}; null keeps everything in memory (tests)
 * @param tickInterval how often timers (deadman, durations without new data) are evaluated and alerts saved
 *                     (the engine's memory every {@value RulesVerticle#TICKS_PER_MEMORY_SAVE} ticks)
 * @param reloadInterval how often the rule files are checked for changes (hot reload)
 */
public record RulesConfig(Path dataDir, Duration tickInterval, Duration reloadInterval) {

    public RulesConfig {
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (tickInterval.toMillis() < 10 || reloadInterval.toMillis() < 10) {
            throw new IllegalArgumentException("rules tickInterval and reloadInterval must be at least 10 ms, got "
                    + tickInterval + " and " + reloadInterval);
        }
    }

    public static RulesConfig of(Path dataDir) {
        return new RulesConfig(dataDir, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    public static RulesConfig inMemory() {
        return new RulesConfig(null, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    /** {@code {dataDir}/rules}, or null in memory. */
    public Path rulesDir() {
        return dataDir == null ? null : dataDir.resolve("rules");
    }
}
