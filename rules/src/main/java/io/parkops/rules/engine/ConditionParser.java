package io.parkops.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.parkops.rules.engine.condition.AllOf;
import io.parkops.rules.engine.condition.AnyOf;
import io.parkops.rules.engine.condition.Compare;
import io.parkops.rules.engine.condition.Condition;
import io.parkops.rules.engine.condition.Equals;
import io.parkops.rules.engine.condition.LoopDeviation;
import io.parkops.rules.engine.condition.NoData;
import io.parkops.rules.engine.condition.Not;
import io.parkops.rules.engine.condition.RateOfChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one condition object of a rule file (see {@code docs/rules.md}); errors name the field path. */
final class ConditionParser {

    /** A raise or clear condition with its duration. */
    record Timed(Condition condition, long forMillis) {
    }

    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Set<String> COMPARE = Set.of("above", "below", "atLeast", "atMost", "outside", "inside", "equals",
            "risesBy", "fallsBy");
    private static final Set<String> PROPERTY_FIELDS = Set.of("property", "above", "below", "atLeast", "atMost", "outside",
            "inside", "equals", "risesBy", "fallsBy", "within", "for");
    private static final Set<String> NO_DATA_FIELDS = Set.of("noData", "intervals", "after", "for");
    private static final Set<String> DEVIATION_FIELDS = Set.of("deviation", "moreThan", "settle", "for");
    private static final Set<String> LOOP_FIELDS = Set.of("processValue", "setpoint", "mode", "auto");

    private ConditionParser() {
    }

    static Timed timed(JsonNode node, String where) {
        Condition condition = condition(node, where, true);
        long forMillis = node.has("for") ? Json.millis(node.get("for"), where + ".for") : 0;
        return new Timed(condition, forMillis);
    }

    private static Condition condition(JsonNode node, String where, boolean top) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("field '" + where + "' must be a condition object such as "
                    + "{\"property\": \"environment.co2\", \"above\": 1000}");
        }
        if (!top && node.has("for")) {
            throw new IllegalArgumentException("field '" + where + ".for': 'for' is allowed only on a level's raise or "
                    + "clear condition, not inside 'all'/'any'/'not'");
        }
        if (node.has("all") || node.has("any")) {
            String key = node.has("all") ? "all" : "any";
            Json.rejectUnknown(node, Set.of(key, "for"), where + ".");
            List<Condition> parts = list(node.get(key), where + "." + key);
            return key.equals("all") ? new AllOf(parts) : new AnyOf(parts);
        }
        if (node.has("not")) {
            Json.rejectUnknown(node, Set.of("not", "for"), where + ".");
            return new Not(condition(node.get("not"), where + ".not", false));
        }
        if (node.has("noData")) {
            return noData(node, where);
        }
        if (node.has("deviation")) {
            return deviation(node, where);
        }
        if (node.has("property")) {
            return property(node, where);
        }
        throw new IllegalArgumentException("field '" + where + "' must hold one of 'property', 'noData', 'deviation', "
                + "'all', 'any' or 'not'");
    }

    private static List<Condition> list(JsonNode array, String where) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("field '" + where + "' must be a non-empty array of conditions");
        }
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            parts.add(condition(array.get(i), where + "[" + i + "]", false));
        }
        return parts;
    }

    private static Condition property(JsonNode node, String where) {
        Json.rejectUnknown(node, PROPERTY_FIELDS, where + ".");
        String path = path(node.get("property"), where + ".property");
        List<String> ops = COMPARE.stream().filter(node::has).toList();
        if (ops.size() != 1) {
            throw new IllegalArgumentException("field '" + where + "' must hold exactly one of above, below, atLeast, "
                    + "atMost, outside, inside, equals, risesBy, fallsBy; got " + ops);
        }
        String op = ops.get(0);
        JsonNode arg = node.get(op);
        String at = where + "." + op;
        return switch (op) {
            case "above" -> Compare.of(path, Compare.Kind.ABOVE, Json.number(arg, at));
            case "below" -> Compare.of(path, Compare.Kind.BELOW, Json.number(arg, at));
            case "atLeast" -> Compare.of(path, Compare.Kind.AT_LEAST, Json.number(arg, at));
            case "atMost" -> Compare.of(path, Compare.Kind.AT_MOST, Json.number(arg, at));
            case "outside", "inside" -> band(path, op, arg, at);
            case "equals" -> equalsTo(path, arg, at);
            default -> rate(path, op.equals("risesBy"), Json.number(arg, at), node, where);
        };
    }

    private static Condition band(String path, String op, JsonNode arg, String at) {
        if (arg == null || !arg.isArray() || arg.size() != 2) {
            throw new IllegalArgumentException("field '" + at + "' must be a [low, high] array");
        }
        double low = Json.number(arg.get(0), at + "[0]");
        double high = Json.number(arg.get(1), at + "[1]");
        if (low > high) {
            throw new IllegalArgumentException("field '" + at + "' must have low <= high, got [" + low + ", " + high + "]");
        }
        return new Compare(path, op.equals("outside") ? Compare.Kind.OUTSIDE : Compare.Kind.INSIDE, low, high);
    }

    private static Condition equalsTo(String path, JsonNode arg, String at) {
        if (arg.isBoolean()) {
            return new Equals(path, arg.asBoolean());
        }
        if (arg.isTextual()) {
            return new Equals(path, arg.asText());
        }
        throw new IllegalArgumentException("field '" + at + "' must be true, false or a string; compare numbers with "
                + "above/below/atLeast/atMost");
    }

    private static Condition rate(String path, boolean rising, double delta, JsonNode node, String where) {
        if (delta <= 0 || !node.has("within")) {
            throw new IllegalArgumentException("field '" + where + "': risesBy/fallsBy need a positive amount and a "
                    + "'within' duration, e.g. {\"risesBy\": 3, \"within\": \"10m\"}");
        }
        long within = Json.millis(node.get("within"), where + ".within");
        if (within <= 0) {
            throw new IllegalArgumentException("field '" + where + ".within' must be longer than 0");
        }
        return new RateOfChange(path, rising, delta, within);
    }

    private static Condition noData(JsonNode node, String where) {
        Json.rejectUnknown(node, NO_DATA_FIELDS, where + ".");
        JsonNode target = node.get("noData");
        String path = target.isTextual() && target.asText().equals(NoData.ANY) ? NoData.ANY : path(target, where + ".noData");
        long after = node.has("after") ? Json.millis(node.get("after"), where + ".after") : 0;
        double intervals = node.has("intervals") ? Json.number(node.get("intervals"), where + ".intervals") : 3;
        if (after <= 0 && intervals <= 0) {
            throw new IllegalArgumentException("field '" + where + ".intervals' must be positive");
        }
        return new NoData(path, intervals, after);
    }

    private static Condition deviation(JsonNode node, String where) {
        Json.rejectUnknown(node, DEVIATION_FIELDS, where + ".");
        JsonNode loop = node.get("deviation");
        String at = where + ".deviation";
        if (!loop.isObject()) {
            throw new IllegalArgumentException("field '" + at + "' must be an object such as {\"processValue\": "
                    + "\"loop.processValue\", \"setpoint\": \"loop.setpoint\", \"mode\": \"loop.mode\", \"auto\": \"auto\"}");
        }
        Json.rejectUnknown(loop, LOOP_FIELDS, at + ".");
        String mode = loop.has("mode") ? path(loop.get("mode"), at + ".mode") : null;
        String auto = loop.has("auto") ? Json.text(loop, "auto", false) : "auto";
        long settle = node.has("settle") ? Json.millis(node.get("settle"), where + ".settle") : 0;
        return new LoopDeviation(path(loop.get("processValue"), at + ".processValue"),
                path(loop.get("setpoint"), at + ".setpoint"), mode, auto, Json.number(node.get("moreThan"), where + ".moreThan"),
                settle);
    }

    private static String path(JsonNode node, String where) {
        if (node == null || !node.isTextual() || !PATH.matcher(node.asText()).matches()) {
            throw new IllegalArgumentException("field '" + where + "' must be 'feature.property', e.g. 'environment.co2'");
        }
        return node.asText();
    }
}
