package io.parkops.rules.engine;

import io.parkops.model.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, validated list of rules with unique ids. The file format is described in
 * {@code docs/rules.md}; the walking skeleton's one-threshold form
 * ({@code feature, property, operator, threshold, severity}) stays valid as a shorthand.
 */
public final class RuleSet {

    public static final String BUILTIN_RESOURCE = "rules/builtin-rules.json";

    private final List<Rule> rules;
    private final Map<String, Rule> byId = new HashMap<>();
    private final Map<String, Long> historyMillis = new HashMap<>();
    /** Rule id to (source name, JSON text as written), for the rules API. */
    private final Map<String, Source> sources;

    /** Where a rule came from and its JSON as written there. */
    public record Source(String name, String json) {
    }

    private RuleSet(List<Rule> rules) {
        this(rules, Map.of());
    }

    RuleSet(List<Rule> rules, Map<String, Source> sources) {
        this.sources = Map.copyOf(sources);
        this.rules = List.copyOf(rules);
        for (Rule rule : this.rules) {
            byId.put(rule.id(), rule);
            for (Level level : rule.levels()) {
                level.raise().paths(p -> historyMillis.merge(p, level.raise().historyMillis(p), Math::max));
                level.clear().paths(p -> historyMillis.merge(p, level.clear().historyMillis(p), Math::max));
            }
        }
    }

    /** A rule set of these rules; throws {@link RuleSetException} when two rules share an id. */
    public static RuleSet of(List<Rule> rules) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!ids.add(rules.get(i).id())) {
                throw new RuleSetException("rules[" + i + "]: field 'id' '" + rules.get(i).id()
                        + "' is used by an earlier rule; rule ids must be unique");
            }
        }
        return new RuleSet(rules);
    }

    public static RuleSet empty() {
        return new RuleSet(List.of());
    }

    /** The default rules shipped with ParkOps, from the classpath resource {@value #BUILTIN_RESOURCE}. */
    public static RuleSet builtin() {
        try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + BUILTIN_RESOURCE + " is missing from the rules jar");
            }
            return parse(in.readAllBytes(), BUILTIN_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILTIN_RESOURCE, e);
        }
    }

    /**
     * Parses a rule file: {@code {"rules": [...]}}, a JSON array of rules, or one rule object.
     * Errors are {@link RuleSetException}s naming the source, the rule (index and id) and the field,
     * e.g. {@code my-rules.json: rules[2] (id 'hot'): levels[0].raise.above: must be a JSON number}.
     */
    public static RuleSet parse(byte[] json, String sourceName) {
        return new RuleSetParser(sourceName).parse(json);
    }

    /**
     * Parses the rules a device type carries (its {@code rules} array, or any form {@link #parse}
     * takes): a rule without {@code deviceType} belongs to {@code typeId}; another type is an error.
     */
    public static RuleSet parseForType(byte[] json, String sourceName, String typeId) {
        return new RuleSetParser(sourceName, typeId).parse(json);
    }

    /** These rules overlaid by {@code later}'s: a rule of the same id in {@code later} wins. */
    public RuleSet overlay(RuleSet later) {
        Map<String, Rule> merged = new LinkedHashMap<>();
        rules.forEach(r -> merged.put(r.id(), r));
        later.rules.forEach(r -> merged.put(r.id(), r));
        Map<String, Source> mergedSources = new HashMap<>(sources);
        later.rules.forEach(r -> mergedSources.remove(r.id()));
        mergedSources.putAll(later.sources);
        return new RuleSet(new ArrayList<>(merged.values()), mergedSources);
    }

    /** The rules watching this device, without those replaced by another applicable rule (site overrides). */
    public List<Rule> rulesFor(Device device) {
        List<Rule> applicable = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        for (Rule rule : rules) {
            if (rule.appliesTo(device)) {
                applicable.add(rule);
                if (rule.replaces() != null) {
                    replaced.add(rule.replaces());
                }
            }
        }
        if (!replaced.isEmpty()) {
            applicable.removeIf(r -> replaced.contains(r.id()));
        }
        return applicable;
    }

    /** How long a history of this property the rules need (0: none). */
    long historyMillis(String path) {
        return historyMillis.getOrDefault(path, 0L);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Where the rule came from and its JSON, when it was parsed from a file or a request. */
    public Optional<Source> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return rules.size();
    }

    @Override
    public String toString() {
        return "RuleSet" + rules.stream().map(Rule::id).toList();
    }
}
