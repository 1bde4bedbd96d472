package io.parkops.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.Severity;
import io.parkops.rules.engine.condition.Compare;
import io.parkops.rules.engine.condition.Not;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final String SHORTHAND = """
            {"id": "hot", "tenant": "nanan", "deviceType": "iaq-sensor", "feature": "environment",
             "property": "temperature", "operator": "ABOVE", "threshold": 28.5, "severity": "major",
             "message": "Too hot"}""";

    @Test
    void builtinHasTheDefaultRules() {
        assertThat(RuleSet.builtin().rules()).extracting(Rule::id).contains("leak-wet", "iaq-co2", "ont-rx-low",
                "ont-link-down", "drone-pads-unsafe-wind", "hvac-loop-deviation", "device-no-data");
        Rule co2 = RuleSet.builtin().find("iaq-co2").orElseThrow();
        assertThat(co2.levels()).extracting(Level::severity).containsExactly(Severity.MAJOR, Severity.WARNING);
        assertThat(co2.levels().get(1).raiseForMillis()).isEqualTo(600_000);
    }

    @Test
    void theOneThresholdShorthandStaysValid() {
        Rule rule = Fixtures.rules("{\"rules\": [" + SHORTHAND + "]}").rules().get(0);
        assertThat(rule.tenant()).isEqualTo("nanan");
        Level level = rule.levels().get(0);
        assertThat(level.severity()).isEqualTo(Severity.MAJOR);
        assertThat(level.raise()).isEqualTo(Compare.of("environment.temperature", Compare.Kind.ABOVE, 28.5));
        assertThat(level.clear()).isEqualTo(new Not(level.raise()));
        assertThat(Fixtures.rules(SHORTHAND).size()).as("one rule object alone").isOne();
    }

    @Test
    void errorsNameSourceRuleAndFieldPath() {
        assertThatThrownBy(() -> Fixtures.rules("[" + SHORTHAND.replace("28.5", "\"28.5\"") + "]"))
                .hasMessage("test.json: rules[0] (id 'hot'): field 'threshold' must be a finite JSON number");
        assertThatThrownBy(() -> Fixtures.rules("""
                {"id": "x", "deviceType": "ont", "message": "m", "levels": [
                  {"severity": "major", "raise": {"property": "optical.rxPower", "below": -27, "for": "5 minutes"}}]}"""))
                .hasMessageContaining("rules[0] (id 'x'): field 'levels[0].raise.for' must be a duration");
        assertThatThrownBy(() -> Fixtures.rules("""
                {"id": "x", "deviceType": "ont", "message": "m", "levels": [
                  {"severity": "major", "raise": {"property": "optical.rxPower", "treshold": -27}}]}"""))
                .hasMessageContaining("field 'levels[0].raise.treshold' is not known");
        assertThatThrownBy(() -> Fixtures.rules("""
                {"id": "x", "deviceType": "ont", "message": "m", "levels": [
                  {"severity": "urgent", "raise": {"property": "optical.linkUp", "equals": false}}]}"""))
                .hasMessageContaining("field 'levels[0].severity' must be 'warning', 'major' or 'critical', got 'urgent'");
        assertThatThrownBy(() -> Fixtures.rules("[" + SHORTHAND + "," + SHORTHAND + "]"))
                .hasMessageContaining("field 'id' 'hot' is used by an earlier rule");
    }

    @Test
    void aSiteOverrideReplacesTheDefaultForThatSiteOnly() {
        RuleSet rules = RuleSet.builtin().overlay(Fixtures.rules("""
                {"id": "iaq-co2-xinshengli", "tenant": "xinshengli", "deviceType": "iaq-sensor", "replaces": "iaq-co2",
                 "message": "CO2", "levels": [{"severity": "warning", "raise": {"property": "environment.co2", "above": 1200}}]}"""));
        var nanan = new io.parkops.model.Device(io.parkops.model.ThingId.of("nanan", "i"), "iaq-sensor", Map.of());
        var xsl = new io.parkops.model.Device(io.parkops.model.ThingId.of("xinshengli", "i"), "iaq-sensor", Map.of());
        assertThat(rules.rulesFor(nanan)).extracting(Rule::id).contains("iaq-co2").doesNotContain("iaq-co2-xinshengli");
        assertThat(rules.rulesFor(xsl)).extracting(Rule::id).contains("iaq-co2-xinshengli").doesNotContain("iaq-co2");
    }

    @Test
    void scopeByThingsAndAttributes() {
        Rule rule = Fixtures.rules("""
                {"id": "b1-only", "deviceType": "iaq-sensor", "things": ["iaq-1"], "attributes": {"building": "b1"},
                 "message": "m", "levels": [{"severity": "warning", "raise": {"property": "environment.co2", "above": 1}}]}""")
                .rules().get(0);
        assertThat(rule.appliesTo(Fixtures.device("iaq-sensor", "iaq-1"))).isTrue();
        assertThat(rule.appliesTo(Fixtures.device("iaq-sensor", "iaq-2"))).isFalse();
        assertThat(rule.appliesTo(new io.parkops.model.Device(io.parkops.model.ThingId.of("nanan", "iaq-1"), "iaq-sensor",
                Map.of("building", "b2")))).isFalse();
    }

    @Test
    void rulesShippedInADeviceTypeDefaultToThatType() {
        String json = """
                [{"id": "pad-door", "message": "door open", "levels": [
                  {"severity": "warning", "raise": {"property": "pad.doorOpen", "equals": true, "for": "5m"}}]}]""";
        RuleSet rules = RuleSet.parseForType(json.getBytes(), "drone-pad.json", "drone-pad");
        assertThat(rules.find("pad-door").orElseThrow().deviceType()).isEqualTo("drone-pad");
        assertThatThrownBy(() -> RuleSet.parseForType(json.replace("\"message\"", "\"deviceType\": \"ont\", \"message\"")
                .getBytes(), "drone-pad.json", "drone-pad")).hasMessageContaining("field 'deviceType' must be 'drone-pad'");
        assertThatThrownBy(() -> Fixtures.rules(json)).hasMessageContaining("field 'deviceType' is required");
    }
}
