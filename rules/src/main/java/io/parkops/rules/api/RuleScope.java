package io.parkops.rules.api;

import io.parkops.model.Device;
import io.parkops.model.http.SiteScope;
import io.parkops.rules.engine.Rule;

/**
 * Which rules a caller limited to some sites sees and writes. A rule names its site in
 * {@code tenant}; without one it watches every site. Such a caller sees the rules that watch its
 * sites (its own and the estate-wide ones), and writes, deletes and backtests only rules whose
 * {@code tenant} is one of its sites, so it cannot change what another site's devices raise. An
 * estate-wide rule is changed for one site with a rule of its own that {@code replaces} it. A token
 * limited to buildings of its site writes only rules whose {@code attributes.building} is one of them.
 */
final class RuleScope {

    private RuleScope() {
    }

    static boolean visible(SiteScope scope, Rule rule) {
        String building = rule.attributes().get(Device.BUILDING);
        return rule.tenant() == null || scope.seesSite(rule.tenant()) && (building == null || scope.allows(rule.tenant(), building));
    }

    static boolean writable(SiteScope scope, Rule rule) {
        return writable(scope, rule.tenant(), rule.attributes().get(Device.BUILDING));
    }

    /** A rule of {@code tenant} limited to {@code building} (null: every building of the site). */
    static boolean writable(SiteScope scope, String tenant, String building) {
        return scope.isAll() || tenant != null && scope.allows(tenant, building);
    }

    /** Why {@code scope} may not write a rule of {@code tenant} (null: every site). */
    static String refusal(SiteScope scope, String ruleId, String tenant) {
        if (tenant != null && scope.limitsBuildings() && scope.seesSite(tenant)) {
            return "rule '" + ruleId + "': this token is limited to " + scope + " and may only write rules whose "
                    + "'attributes' name one of those buildings, e.g. \"attributes\": {\"building\": \""
                    + scope.buildings().iterator().next() + "\"}";
        }
        return tenant == null
                ? "rule '" + ruleId + "' watches every site; this token is limited to " + scope + " and may only write rules "
                        + "whose 'tenant' is one of them (to change an estate-wide rule for one site, write a rule with "
                        + "\"tenant\" and \"replaces\": \"" + ruleId + "\")"
                : "rule '" + ruleId + "' has tenant '" + tenant + "'; this token is limited to " + scope;
    }
}
