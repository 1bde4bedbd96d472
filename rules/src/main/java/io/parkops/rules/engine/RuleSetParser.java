package io.parkops.rules.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkops.model.Severity;
import io.parkops.rules.engine.condition.Compare;
import io.parkops.rules.engine.condition.Condition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads rule files with the Jackson tree model rather than data binding, so that every error can
 * name the source, the rule and the field path in words an integrator understands.
 */
final class RuleSetParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RULE_FIELDS = Set.of("id", "tenant", "deviceType", "things", "attributes",
            "replaces", "message", "levels", "description");
    private static final Set<String> SHORTHAND_FIELDS = Set.of("id", "tenant", "deviceType", "things", "attributes",
            "replaces", "message", "feature", "property", "operator", "threshold", "severity", "description");
    private static final Set<String> LEVEL_FIELDS = Set.of("severity", "raise", "clear", "message");

    private final String source;
    /** The device type rules without a {@code deviceType} belong to (rules shipped in a type), or null. */
    private final String defaultType;

    RuleSetParser(String source) {
        this(source, null);
    }

    RuleSetParser(String source, String defaultType) {
        this.source = source == null ? "rules" : source;
        this.defaultType = defaultType;
    }

    RuleSet parse(byte[] json) {
        JsonNode root = readTree(json);
        JsonNode array = root.isArray() ? root : root.isObject() && root.has("rules") ? root.get("rules") : null;
        if (array == null && root.isObject() && root.has("id")) {
            array = JSON.createArrayNode().add(root);
        }
        if (array == null || !array.isArray()) {
            throw new RuleSetException(source + ": must be a JSON object with a 'rules' array, an array of rules, or one rule");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, RuleSet.Source> sources = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            Rule rule = rule(array.get(i), i);
            rules.add(rule);
            sources.put(rule.id(), new RuleSet.Source(source, array.get(i).toString()));
        }
        try {
            RuleSet.of(rules);
        } catch (RuleSetException e) {
            throw new RuleSetException(source + ": " + e.getMessage());
        }
        return new RuleSet(rules, sources);
    }

    private JsonNode readTree(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json == null ? new byte[0] : json);
            if (node == null || node.isMissingNode()) {
                throw new RuleSetException(source + ": is empty; expected a JSON object with a 'rules' array");
            }
            return node;
        } catch (JsonProcessingException e) {
            // a limit violation (nesting depth, number length) carries no location
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new RuleSetException(source + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleSetException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Rule rule(JsonNode node, int index) {
        String where = source + ": rules[" + index + "]";
        if (node == null || !node.isObject()) {
            throw new RuleSetException(where + ": must be a JSON object");
        }
        JsonNode idNode = node.get("id");
        if (idNode != null && idNode.isTextual()) {
            where += " (id '" + idNode.asText() + "')";
        }
        try {
            boolean shorthand = !node.has("levels") && node.has("operator");
            Json.rejectUnknown(node, shorthand ? SHORTHAND_FIELDS : RULE_FIELDS, "");
            List<Level> levels = shorthand ? List.of(shorthandLevel(node)) : levels(node.get("levels"));
            return new Rule(Json.text(node, "id", true), Json.text(node, "tenant", false), deviceType(node),
                    things(node.get("things")), attributes(node.get("attributes")), Json.text(node, "replaces", false),
                    Json.text(node, "message", true), levels);
        } catch (IllegalArgumentException e) {
            throw new RuleSetException(where + ": " + e.getMessage(), e);
        }
    }

    private String deviceType(JsonNode node) {
        String given = Json.text(node, "deviceType", defaultType == null);
        if (defaultType != null && given != null && !given.equals(defaultType)) {
            throw new IllegalArgumentException("field 'deviceType' must be '" + defaultType + "' (or left out) in the rules "
                    + "of device type '" + defaultType + "', got '" + given + "'");
        }
        return given == null ? defaultType : given;
    }

    /** {@code operator: above|below, threshold, feature, property, severity}: one level, raised at once. */
    private static Level shorthandLevel(JsonNode node) {
        String path = Json.text(node, "feature", true) + '.' + Json.text(node, "property", true);
        String op = Json.text(node, "operator", true).toLowerCase(Locale.ROOT);
        Compare.Kind kind = switch (op) {
            case "above" -> Compare.Kind.ABOVE;
            case "below" -> Compare.Kind.BELOW;
            default -> throw new IllegalArgumentException("field 'operator' must be 'above' or 'below', got '" + op + "'");
        };
        return Level.immediate(severity(node, "severity"), Compare.of(path, kind, Json.numberField(node, "threshold")));
    }

    private static List<Level> levels(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("field 'levels' must be a non-empty array of "
                    + "{\"severity\", \"raise\", \"clear\"} objects (or use the one-threshold shorthand)");
        }
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "levels[" + i + "]";
            JsonNode level = array.get(i);
            if (!level.isObject()) {
                throw new IllegalArgumentException(at + ": must be a JSON object");
            }
            Json.rejectUnknown(level, LEVEL_FIELDS, at + ".");
            ConditionParser.Timed raise = ConditionParser.timed(level.get("raise"), at + ".raise");
            ConditionParser.Timed clear = level.has("clear") ? ConditionParser.timed(level.get("clear"), at + ".clear") : null;
            String message = Json.text(level, "message", false);
            levels.add(new Level(severity(level, at + ".severity"), raise.condition(), raise.forMillis(),
                    clear == null ? null : clear.condition(), clear == null ? 0 : clear.forMillis(), message));
        }
        return levels;
    }

    private static Severity severity(JsonNode node, String field) {
        String text = Json.text(node, "severity", true);
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' must be 'warning', 'major' or 'critical', got '" + text + "'");
        }
    }

    private static Set<String> things(JsonNode node) {
        Set<String> things = new HashSet<>();
        if (node != null && !node.isNull()) {
            if (!node.isArray()) {
                throw new IllegalArgumentException("field 'things' must be an array of device ids");
            }
            node.forEach(t -> things.add(t.asText()));
        }
        return things;
    }

    private static Map<String, String> attributes(JsonNode node) {
        Map<String, String> attributes = new HashMap<>();
        if (node != null && !node.isNull()) {
            if (!node.isObject()) {
                throw new IllegalArgumentException("field 'attributes' must be an object such as {\"building\": \"b1\"}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                attributes.put(e.getKey(), e.getValue().asText());
            }
        }
        return attributes;
    }
}
