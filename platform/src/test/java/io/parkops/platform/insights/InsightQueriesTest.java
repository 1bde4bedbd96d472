package io.parkops.platform.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dashboard's InfluxQL, text for text: the tag names are the contract's, and input cannot change a query's shape. */
class InsightQueriesTest {

    @Test
    void latestLoadIsGroupedPerBuildingAndThing() {
        assertThat(InsightQueries.latestLoadPerMeter("nanan")).isEqualTo("SELECT last(\"activePower\") FROM \"energy\" "
                + "WHERE \"tenant\" = 'nanan' AND time > now() - 5m GROUP BY \"building\", \"thing\"");
        assertThat(InsightQueries.energySincePerMeter("nanan", Instant.ofEpochMilli(1_700_000_000_000L)))
                .isEqualTo("SELECT spread(\"activeEnergyImport\") FROM \"energy\" WHERE \"tenant\" = 'nanan' "
                        + "AND time >= 1700000000000ms GROUP BY \"building\", \"thing\"");
    }

    @Test
    void thePortfolioAsksForEverySiteInOneQueryGroupedBySite() {
        assertThat(InsightQueries.energySincePerSiteMeter(java.util.List.of("nanan", "north-park"), Instant.ofEpochMilli(1_700_000_000_000L)))
                .isEqualTo("SELECT spread(\"activeEnergyImport\") FROM \"energy\" WHERE (\"tenant\" = 'nanan' OR \"tenant\" = "
                        + "'north-park') AND time >= 1700000000000ms GROUP BY \"tenant\", \"thing\"");
        assertThatThrownBy(() -> InsightQueries.latestLoadPerSiteMeter(java.util.List.of("nanan", "x' OR '1'='1")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void seriesSumEachMetersMeanPerBucket() {
        assertThat(InsightQueries.pvSeries("north-park", Duration.ofDays(7), Duration.ofHours(1))).isEqualTo(
                "SELECT sum(\"m\") FROM (SELECT mean(\"acPower\") AS \"m\" FROM \"pv\" WHERE \"tenant\" = 'north-park' "
                        + "AND time > now() - 10080m GROUP BY time(60m), \"thing\" fill(none)) WHERE time > now() - 10080m "
                        + "GROUP BY time(60m) fill(none)");
    }

    @Test
    void environmentPerZoneWithABuildingThatTriesToEndTheLiteral() {
        assertThat(InsightQueries.environmentSeries("nanan", "b1' OR \\x", Duration.ofHours(24), Duration.ofMinutes(15)))
                .isEqualTo("SELECT mean(\"temperature\") AS \"temperature\", mean(\"co2\") AS \"co2\", mean(\"pm25\") AS "
                        + "\"pm25\" FROM \"environment\" WHERE \"tenant\" = 'nanan' AND \"building\" = 'b1\\' OR \\\\x' "
                        + "AND time > now() - 1440m GROUP BY time(15m), \"building\", \"zone\" fill(none)");
    }

    @Test
    void refusesATenantOutsideTheContractsPattern() {
        assertThatThrownBy(() -> InsightQueries.latestEnvironmentPerZone("nanan' OR '1'='1", null))
                .isInstanceOf(RuntimeException.class);
    }
}
