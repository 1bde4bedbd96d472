package io.parkops.model.influx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxQlTest {

    @Test
    void tagConditionQuotesNameAndValue() {
        assertThat(InfluxQl.tagIs("tenant", "nanan")).isEqualTo("\"tenant\" = 'nanan'");
    }

    @Test
    void quotesAndBackslashesInAValueCannotEndTheLiteral() {
        assertThat(InfluxQl.string("b1' OR 1=1 --")).isEqualTo("'b1\\' OR 1=1 --'");
        assertThat(InfluxQl.string("a\\'")).isEqualTo("'a\\\\\\''");
    }

    @Test
    void identifiersForGroupBy() {
        assertThat(InfluxQl.identifiers("building", "thing")).isEqualTo("\"building\", \"thing\"");
        assertThat(InfluxQl.identifier("we\"ird")).isEqualTo("\"we\\\"ird\"");
    }
}
