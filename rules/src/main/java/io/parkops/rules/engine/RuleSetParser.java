package io.parkops.rules.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkops.model.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the rule file format with the Jackson tree model rather than data binding, so that every
 * error can name the source, the rule and the field in words an integrator understands.
 */
final class RuleSetParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("id", "tenant", "deviceType", "feature", "property",
            "operator", "threshold", "severity", "message");

    private final String source;

    RuleSetParser(String source) {
        this.source = source == null ? "rules" : source;
    }

    RuleSet parse(byte[] json) {
        JsonNode root = readTree(json);
        JsonNode array = root.get("rules");
        if (!root.isObject() || array == null || !array.isArray()) {
            throw new RuleSetException(source + ": must be a JSON object with a 'rules' array");
        }
        List<ThresholdRule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            rules.add(rule(array.get(i), i));
        }
        try {
            return RuleSet.of(rules);
        } catch (RuleSetException e) {
            throw new RuleSetException(source + ": " + e.getMessage());
        }
    }

    private JsonNode readTree(byte[] json) {
        try {
            return JSON.readTree(json == null ? new byte[0] : json);
        } catch (JsonProcessingException e) {
            throw new RuleSetException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleSetException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private ThresholdRule rule(JsonNode node, int index) {
        String where = source + ": rules[" + index + "]";
        if (node == null || !node.isObject()) {
            throw new RuleSetException(where + ": must be a JSON object");
        }
        JsonNode idNode = node.get("id");
        if (idNode != null && idNode.isTextual()) {
            where += " (id '" + idNode.asText() + "')";
        }
        rejectUnknownFields(node, where);
        try {
            return new ThresholdRule(text(node, "id", true), text(node, "tenant", false),
                    text(node, "deviceType", true), text(node, "feature", true), text(node, "property", true),
                    parsed(node, "operator", Operator::parse), number(node, "threshold"),
                    parsed(node, "severity", RuleSetParser::severity), text(node, "message", true));
        } catch (IllegalArgumentException e) {
            // ThresholdRule names the rule itself; keep only the part after "rule '...': "
            String message = e.getMessage();
            int cut = message.startsWith("rule '") ? message.indexOf("': ") : -1;
            throw new RuleSetException(where + ": " + (cut > 0 ? message.substring(cut + 3) : message), e);
        }
    }

    private static void rejectUnknownFields(JsonNode node, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RuleSetException(where + ": field '" + name + "' is not known; known fields are "
                        + "id, tenant, deviceType, feature, property, operator, threshold, severity, message");
            }
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("field '" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a JSON string");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a JSON number");
        }
        return value.asDouble();
    }

    private static <T> T parsed(JsonNode node, String field, java.util.function.Function<String, T> parser) {
        String text = text(node, field, true);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' " + e.getMessage());
        }
    }

    private static Severity severity(String text) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be 'warning', 'major' or 'critical', got '" + text + "'");
        }
    }
}
