package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.DeviceType;
import io.parkops.rules.engine.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRulesTest {

    private static DeviceType counter(String id, String rules) {
        return DeviceTypeCatalog.parse(("{\"id\":\"" + id + "\",\"version\":\"1\",\"reportingIntervalSeconds\":60,"
                + "\"features\":{\"occupancy\":{\"properties\":{\"present\":{\"type\":\"number\",\"minimum\":0}}}},"
                + "\"rules\":" + rules + "}").getBytes(StandardCharsets.UTF_8), id + ".json");
    }

    private static final String RULE = "[{\"id\":\"%s\",\"deviceType\":\"%s\",\"feature\":\"occupancy\",\"property\":\"present\","
            + "\"operator\":\"above\",\"threshold\":400,\"severity\":\"warning\",\"message\":\"lobby crowded\"}]";

    @Test
    void addsTheDefaultRulesATypeShipsToTheBuiltInOnes() {
        RuleSet rules = TypeRules.withTypeRules(RuleSet.builtin(), List.of(counter("people-counter",
                RULE.formatted("pc-crowded", "people-counter"))));
        assertThat(rules.find("pc-crowded")).isPresent();
        assertThat(rules.size()).isEqualTo(RuleSet.builtin().size() + 1);
    }

    @Test
    void skipsATypeWhoseRulesDoNotParseOrClash() {
        RuleSet rules = TypeRules.withTypeRules(RuleSet.builtin(), List.of(
                counter("a-counter", "[{\"id\":\"broken\"}]"),
                counter("b-counter", RULE.formatted(RuleSet.builtin().rules().get(0).id(), "b-counter"))));
        assertThat(rules.size()).isEqualTo(RuleSet.builtin().size());
    }
}
