package io.parkops.adapters.mqtt.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicFilterTest {

    @Test
    void hashMatchesEveryLevelBelowAndTheParent() {
        assertThat(TopicFilter.matches("alerts/#", "alerts/nanan/iaq-0003")).isTrue();
        assertThat(TopicFilter.matches("alerts/#", "alerts")).isTrue();
        assertThat(TopicFilter.matches("#", "alerts/nanan/iaq-0003")).isTrue();
        assertThat(TopicFilter.matches("alerts/#", "command/nanan/x/req/1/set")).isFalse();
    }

    @Test
    void plusMatchesExactlyOneLevel() {
        assertThat(TopicFilter.matches("alerts/+/iaq-0003", "alerts/nanan/iaq-0003")).isTrue();
        assertThat(TopicFilter.matches("alerts/+", "alerts/nanan/iaq-0003")).isFalse();
        assertThat(TopicFilter.matches("alerts/nanan/+", "alerts/nanan/iaq-0003")).isTrue();
        assertThat(TopicFilter.matches("alerts/xinshengli/+", "alerts/nanan/iaq-0003")).isFalse();
        assertThat(TopicFilter.matches("alerts/+/+", "alerts/nanan/")).isTrue(); // an empty level is a level
    }

    @Test
    void literalFiltersMatchOnlyTheSameTopic() {
        assertThat(TopicFilter.matches("alerts/nanan/iaq-0003", "alerts/nanan/iaq-0003")).isTrue();
        assertThat(TopicFilter.matches("alerts/nanan/iaq-0003", "alerts/nanan/iaq-00031")).isFalse();
        assertThat(TopicFilter.matches("alerts/nanan", "alerts/nanan/iaq-0003")).isFalse();
    }

    @Test
    void wildcardsInTheFirstLevelSkipDollarTopics() {
        assertThat(TopicFilter.matches("#", "$SYS/uptime")).isFalse();
        assertThat(TopicFilter.matches("+/uptime", "$SYS/uptime")).isFalse();
        assertThat(TopicFilter.matches("$SYS/#", "$SYS/uptime")).isTrue();
    }

    @Test
    void wildcardsMustBeWholeLevelsAndHashLast() {
        assertThat(TopicFilter.isValid("alerts/#")).isTrue();
        assertThat(TopicFilter.isValid("command/nanan/m-1/req/+/setSetpoint")).isTrue();
        assertThat(TopicFilter.isValid("alerts/#/x")).isFalse();
        assertThat(TopicFilter.isValid("alerts/na+")).isFalse();
        assertThat(TopicFilter.isValid("alerts#")).isFalse();
        assertThat(TopicFilter.isValid("")).isFalse();
    }
}
