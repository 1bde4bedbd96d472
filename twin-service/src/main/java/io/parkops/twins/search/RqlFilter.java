package io.parkops.twins.search;

import io.parkops.twins.store.TwinException;
import java.util.List;
import java.util.Optional;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.rql.model.ParserException;
import org.eclipse.ditto.rql.model.predicates.ast.ExistsNode;
import org.eclipse.ditto.rql.model.predicates.ast.LogicalNode;
import org.eclipse.ditto.rql.model.predicates.ast.MultiComparisonNode;
import org.eclipse.ditto.rql.model.predicates.ast.Node;
import org.eclipse.ditto.rql.model.predicates.ast.RootNode;
import org.eclipse.ditto.rql.model.predicates.ast.SingleComparisonNode;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;

/**
 * A Ditto RQL filter ({@code eq, ne, gt, ge, lt, le, in, like, ilike, exists, and, or, not}) parsed by
 * Ditto's own parser and evaluated against a thing's JSON (with {@code _revision},
 * {@code _modified}). A property a thing lacks never matches a comparison, as in Ditto.
 *
 * <p>{@code ilike} (case-insensitive like, from Ditto 3's RQL) is not known to the Ditto 2.4 parser we
 * use: {@link CaseInsensitiveLike} rewrites it to a {@code like} whose pattern carries a mark.
 */
public final class RqlFilter {

    private static final RqlFilter ALL = new RqlFilter(null);
    private final Node root;

    private RqlFilter(Node root) {
        this.root = root;
    }

    /** Parses {@code filter}; null or blank matches every thing. Throws 400 naming the problem. */
    public static RqlFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return ALL;
        }
        try {
            RootNode node = RqlPredicateParser.getInstance().parse(CaseInsensitiveLike.rewrite(filter));
            return new RqlFilter(node.getChildren().isEmpty() ? null : node.getChildren().get(0));
        } catch (ParserException | IllegalArgumentException e) {
            throw new TwinException(400, "rql.expression.invalid", "The RQL expression '" + filter + "' is not valid: "
                    + String.valueOf(e.getMessage()).replace(String.valueOf(CaseInsensitiveLike.MARK), ""), "Use e.g. and(eq(attributes/building,\"b1\"),gt(features/loop/properties/processValue,20)).");
        }
    }

    /** True when the filter lets every thing through, so no thing needs to be looked at. */
    public boolean matchesAll() {
        return root == null;
    }

    public boolean test(JsonObject thing) {
        return root == null || eval(root, thing);
    }

    private static boolean eval(Node node, JsonObject thing) {
        if (node instanceof LogicalNode logical) {
            List<Node> children = logical.getChildren();
            return switch (logical.getType()) {
                case AND -> children.stream().allMatch(c -> eval(c, thing));
                case OR -> children.stream().anyMatch(c -> eval(c, thing));
                case NOT -> children.stream().noneMatch(c -> eval(c, thing));
            };
        }
        if (node instanceof ExistsNode exists) {
            return valueAt(thing, exists.getProperty()).isPresent();
        }
        if (node instanceof MultiComparisonNode in) {
            Optional<JsonValue> actual = valueAt(thing, in.getComparisonProperty());
            return actual.isPresent() && ((List<?>) in.getComparisonValue()).stream()
                    .anyMatch(v -> compare(actual.get(), v) == 0);
        }
        if (node instanceof SingleComparisonNode cmp) {
            return single(cmp, thing);
        }
        throw new TwinException(400, "rql.expression.invalid", "Unsupported RQL node " + node, "Use the supported operators.");
    }

    private static boolean single(SingleComparisonNode cmp, JsonObject thing) {
        Optional<JsonValue> actual = valueAt(thing, cmp.getComparisonProperty());
        if (actual.isEmpty()) {
            return false;
        }
        Object expected = cmp.getComparisonValue();
        SingleComparisonNode.Type type = (SingleComparisonNode.Type) cmp.getComparisonType();
        if (type == SingleComparisonNode.Type.LIKE) {
            return actual.get().isString() && expected instanceof String pattern
                    && CaseInsensitiveLike.pattern(pattern).matcher(actual.get().asString()).matches();
        }
        Integer order = compare(actual.get(), expected);
        if (order == null) {
            return type == SingleComparisonNode.Type.NE;
        }
        return switch (type) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            default -> false;
        };
    }

    static Optional<JsonValue> valueAt(JsonObject thing, String property) {
        return thing.getValue(JsonPointer.of(property.startsWith("/") ? property : "/" + property));
    }

    /** Compares a JSON value with an RQL literal; null when they are of different kinds. */
    static Integer compare(JsonValue actual, Object expected) {
        if (actual.isNumber() && expected instanceof Number n) {
            return Double.compare(actual.asDouble(), n.doubleValue());
        }
        if (actual.isString() && expected instanceof String s) {
            return actual.asString().compareTo(s);
        }
        if (actual.isBoolean() && expected instanceof Boolean b) {
            return Boolean.compare(actual.asBoolean(), b);
        }
        if (actual.isNull() && expected == null) {
            return 0;
        }
        return null;
    }
}
