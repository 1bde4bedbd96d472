package io.parkops.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.Severity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final String GOOD = """
            {"id": "hot", "tenant": "nanan", "deviceType": "iaq-sensor", "feature": "environment",
             "property": "temperature", "operator": "above", "threshold": 28.5, "severity": "major",
             "message": "Too hot"}""";

    @Test
    void builtinHasTheAgreedRules() {
        RuleSet builtin = RuleSet.builtin();
        assertThat(builtin.rules()).extracting(ThresholdRule::id)
                .containsExactly("iaq-co2-high", "energy-voltage-high", "energy-voltage-low");
        ThresholdRule co2 = builtin.find("iaq-co2-high").orElseThrow();
        assertThat(co2).isEqualTo(Fixtures.CO2_HIGH);
        ThresholdRule high = builtin.find("energy-voltage-high").orElseThrow();
        assertThat(high.operator()).isEqualTo(Operator.ABOVE);
        assertThat(high.threshold()).isEqualTo(253);
        assertThat(high.severity()).isEqualTo(Severity.MAJOR);
        assertThat(high.property()).isEqualTo("voltageL1");
        ThresholdRule low = builtin.find("energy-voltage-low").orElseThrow();
        assertThat(low.operator()).isEqualTo(Operator.BELOW);
        assertThat(low.threshold()).isEqualTo(207);
        assertThat(low.tenant()).isNull();
    }

    @Test
    void parsesEveryField() {
        ThresholdRule rule = parse("{\"rules\": [" + GOOD + "]}").rules().get(0);
        assertThat(rule).isEqualTo(new ThresholdRule("hot", "nanan", "iaq-sensor", "environment", "temperature",
                Operator.ABOVE, 28.5, Severity.MAJOR, "Too hot"));
    }

    @Test
    void errorNamesSourceIndexIdAndField() {
        String bad = GOOD.replace("28.5", "\"28.5\"");
        assertThatThrownBy(() -> parse("{\"rules\": [" + GOOD.replace("hot", "ok") + ", " + bad + "]}"))
                .isInstanceOf(RuleSetException.class)
                .hasMessage("my-rules.json: rules[1] (id 'hot'): field 'threshold' must be a JSON number");
    }

    @Test
    void missingFieldIsNamed() {
        assertThatThrownBy(() -> parse("{\"rules\": [" + GOOD.replace("\"feature\": \"environment\",", "") + "]}"))
                .hasMessage("my-rules.json: rules[0] (id 'hot'): field 'feature' is required");
    }

    @Test
    void badOperatorAndSeverityAreNamed() {
        assertThatThrownBy(() -> parse("{\"rules\": [" + GOOD.replace("\"above\"", "\"over\"") + "]}"))
                .hasMessageContaining("rules[0] (id 'hot'): field 'operator' must be 'above' or 'below', got 'over'");
        assertThatThrownBy(() -> parse("{\"rules\": [" + GOOD.replace("\"major\"", "\"urgent\"") + "]}"))
                .hasMessageContaining("rules[0] (id 'hot'): field 'severity' must be 'warning', 'major' or 'critical'");
    }

    @Test
    void invalidValueFromTheRuleItselfIsNamedOnce() {
        assertThatThrownBy(() -> parse("{\"rules\": [" + GOOD.replace("\"nanan\"", "\"Nanan\"") + "]}"))
                .hasMessageStartingWith("my-rules.json: rules[0] (id 'hot'): field 'tenant' must be null");
    }

    @Test
    void unknownFieldIsAnError() {
        assertThatThrownBy(() -> parse("{\"rules\": [" + GOOD.replace("\"threshold\"", "\"treshold\"") + "]}"))
                .hasMessageContaining("rules[0] (id 'hot'): field 'treshold' is not known");
    }

    @Test
    void duplicateIdIsAnError() {
        assertThatThrownBy(() -> parse("{\"rules\": [" + GOOD + "," + GOOD + "]}"))
                .hasMessageContaining("my-rules.json: rules[1]: field 'id' 'hot' is used by an earlier rule");
    }

    @Test
    void brokenJsonNamesSourceAndPosition() {
        assertThatThrownBy(() -> parse("{\"rules\": [\n{\"id\": }]}"))
                .hasMessageStartingWith("my-rules.json: not valid JSON at line 2");
    }

    @Test
    void wrongShapeIsExplained() {
        assertThatThrownBy(() -> parse("[]")).hasMessage("my-rules.json: must be a JSON object with a 'rules' array");
        assertThatThrownBy(() -> parse("{\"rules\": [42]}")).hasMessage("my-rules.json: rules[0]: must be a JSON object");
    }

    @Test
    void tenantMayBeNullOrAbsent() {
        RuleSet set = parse("{\"rules\": [" + GOOD.replace("\"nanan\"", "null") + "]}");
        assertThat(set.rules().get(0).tenant()).isNull();
    }

    private static RuleSet parse(String json) {
        return RuleSet.parse(json.getBytes(StandardCharsets.UTF_8), "my-rules.json");
    }
}
