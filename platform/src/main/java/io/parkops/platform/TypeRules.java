package io.parkops.platform;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.DeviceType;
import io.parkops.rules.RulesVerticle;
import io.parkops.rules.engine.RuleSet;
import io.parkops.rules.engine.Rule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the default rules that device types ship ({@code rules} in a definition, opaque to the
 * model) to the rules module's parser and adds them to the built-in rule set, at start-up and
 * whenever a type changes at run time. A type
 * whose rules do not parse, or reuse a rule id, is skipped with a log line naming it: a bad type
 * must not stop the platform.
 */
final class TypeRules {

    private static final Logger LOG = LoggerFactory.getLogger(TypeRules.class);

    private TypeRules() {
    }

    /**
     * Keeps the rules' defaults in step with the catalog: after a type is added, changed or removed
     * at run time (type folder or API) the defaults are made again, and handed over when the type
     * rules differ from the ones in force.
     */
    static void follow(DeviceTypeCatalog catalog, RuleSet defaultsInForce, RulesVerticle rules) {
        java.util.concurrent.atomic.AtomicReference<List<Rule>> inForce =
                new java.util.concurrent.atomic.AtomicReference<>(defaultsInForce.rules());
        catalog.onChange(() -> {
            RuleSet next = withTypeRules(RuleSet.builtin(), catalog.all());
            if (!next.rules().equals(inForce.getAndSet(next.rules()))) {
                LOG.info("device types changed their default rules; reloading the rules");
                rules.replaceDefaults(next);
            }
        });
    }

    static RuleSet withTypeRules(RuleSet base, Collection<DeviceType> types) {
        RuleSet all = base;
        Set<String> ids = new HashSet<>();
        base.rules().forEach(r -> ids.add(r.id()));
        for (DeviceType type : types) {
            if (type.rules().isEmpty()) {
                continue;
            }
            try {
                byte[] json = new JsonObject().put("rules", new JsonArray(new ArrayList<>(type.rules()))).encode()
                        .getBytes(StandardCharsets.UTF_8);
                RuleSet typeRules = RuleSet.parseForType(json, "device type " + type.id(), type.id());
                List<String> clashes = typeRules.rules().stream().map(Rule::id).filter(ids::contains).toList();
                if (!clashes.isEmpty()) {
                    LOG.warn("default rules of device type {} skipped: rule ids {} are already used", type.id(), clashes);
                    continue;
                }
                typeRules.rules().forEach(r -> ids.add(r.id()));
                all = all.overlay(typeRules);
            } catch (RuntimeException e) {
                LOG.warn("default rules of device type {} skipped: {}", type.id(), e.getMessage());
            }
        }
        return all;
    }
}
