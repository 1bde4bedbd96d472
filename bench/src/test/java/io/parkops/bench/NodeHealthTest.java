package io.parkops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeHealthTest {

    /** The shape of a cluster node's /health (Platform.kafkaHealth, ClusterNode.status). */
    private static final String HEALTH = """
            {"status":"UP","node":"node-a","checks":[
              {"id":"influx","status":"UP"},
              {"id":"kafka","status":"UP","reason":"node node-a runs the rules of partitions [0, 1, 2]",
               "details":{"node":"node-a","influxWriterPartitions":[0,1,2],"rulePartitions":[0,1,2],"unacknowledged":0,
                          "influxWriterLag":{"0":5,"1":0,"2":7},"nodeFeedLag":0,"lagAgeMs":300}}]}
            """;

    @Test
    void readsTheRulePartitionsFromTheReasonAndTheWriterPartitionsWithTheirLag() throws Exception {
        NodeHealth h = NodeHealth.parse(HEALTH);
        assertThat(h.rulePartitions()).containsExactly(0, 1, 2);
        assertThat(h.writerPartitions()).containsExactly(0, 1, 2);
        assertThat(h.lagSampled()).containsExactly(0, 1, 2);
        assertThat(h.writerLag()).isEqualTo(12);
        assertThat(h.holdsAll(3)).isTrue();
        assertThat(h.holdsAll(4)).isFalse();
    }

    @Test
    void aNodeWithoutPartitionsOrKafkaCheckHoldsNothing() throws Exception {
        NodeHealth none = NodeHealth.parse(HEALTH.replace("[0, 1, 2]", "[]").replace("[0,1,2],\"rule", "[],\"rule")
                .replace("{\"0\":5,\"1\":0,\"2\":7}", "{}"));
        assertThat(none.rulePartitions()).isEmpty();
        assertThat(none.writerPartitions()).isEmpty();
        assertThat(none.writerLag()).isZero();
        assertThat(NodeHealth.parse("{\"status\":\"UP\",\"checks\":[]}")).isEqualTo(NodeHealth.NONE);
    }
}
