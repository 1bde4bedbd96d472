package io.parkops.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, validated list of rules with unique ids.
 *
 * <p>File format ({@code rules/builtin-rules.json} is an example):
 * <pre>{@code
 * {"rules": [
 *   {"id": "iaq-co2-high", "tenant": null, "deviceType": "iaq-sensor", "feature": "environment",
 *    "property": "co2", "operator": "above", "threshold": 1000, "severity": "warning",
 *    "message": "CO2 above 1000 ppm: ventilate the zone"}
 * ]}
 * }</pre>
 * {@code tenant} may be left out (any tenant); every other field is required; unknown fields are
 * errors so that a typo such as {@code "treshold"} does not silently disable a rule.
 */
public final class RuleSet {

    public static final String BUILTIN_RESOURCE = "rules/builtin-rules.json";

    private final List<ThresholdRule> rules;

    private RuleSet(List<ThresholdRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A rule set of these rules; throws {@link RuleSetException} when two rules share an id. */
    public static RuleSet of(List<ThresholdRule> rules) {
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

    /** The rules shipped with ParkOps, from the classpath resource {@value #BUILTIN_RESOURCE}. */
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
     * Parses a rule file. Errors are {@link RuleSetException}s whose message names the source, the
     * rule (index and id) and the field, e.g.
     * {@code my-rules.json: rules[2] (id 'hot'): field 'threshold' must be a JSON number}.
     */
    public static RuleSet parse(byte[] json, String sourceName) {
        return new RuleSetParser(sourceName).parse(json);
    }

    public List<ThresholdRule> rules() {
        return rules;
    }

    public Optional<ThresholdRule> find(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public int size() {
        return rules.size();
    }

    @Override
    public String toString() {
        return "RuleSet" + rules.stream().map(ThresholdRule::id).toList();
    }
}
