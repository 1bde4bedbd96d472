package io.parkops.rules.api;

import io.parkops.model.http.SiteScope;
import io.parkops.rules.engine.Rule;

/**
 * Which rules a caller limited to some sites sees and writes. A rule names its site in
 * {@code tenant}; without one it watches every site. Such a caller sees the rules that watch its
 * sites (its own and the estate-wide ones), and writes, deletes and backtests only rules whose
 * {@code tenant} is one of its sites, so it cannot change what another site's devices raise. An
 * estate-wide rule is changed for one site with a rule of its own that {@code replaces} it.
 */
final class RuleScope {

    private RuleScope() {
    }

    static boolean visible(SiteScope scope, Rule rule) {
        return rule.tenant() == null || scope.allows(rule.tenant());
    }

    static boolean writable(SiteScope scope, String tenant) {
        return scope.isAll() || tenant != null && scope.allows(tenant);
    }

    /** Why {@code scope} may not write a rule of {@code tenant} (null: every site). */
    static String refusal(SiteScope scope, String ruleId, String tenant) {
        return tenant == null
                ? "rule '" + ruleId + "' watches every site; this token is limited to " + scope + " and may only write rules "
                        + "whose 'tenant' is one of them (to change an estate-wide rule for one site, write a rule with "
                        + "\"tenant\" and \"replaces\": \"" + ruleId + "\")"
                : "rule '" + ruleId + "' has tenant '" + tenant + "'; this token is limited to " + scope;
    }
}
