package io.parkops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportSectionsTest {

    private static final String HEADING = ClusterReport.HEADING;
    private static final String REPORT = """
            # Benchmarks

            intro

            ## Targets

            | a | b |

            ## What limits each figure

            - the cores
            """;

    @Test
    void aNewSectionGoesBeforeWhatLimitsEachFigureAndNothingElseMoves() {
        String out = ReportSections.put(REPORT, HEADING, HEADING + "\n\nfirst run\n");
        assertThat(out).isEqualTo("""
                # Benchmarks

                intro

                ## Targets

                | a | b |

                ## Cluster on Apache Kafka (issue 15)

                first run

                ## What limits each figure

                - the cores
                """);
    }

    @Test
    void anExistingSectionIsReplacedInPlaceWithItsSubsections() {
        String once = ReportSections.put(REPORT, HEADING, HEADING + "\n\nfirst run\n\n### Failover\n\n0 lost\n");
        String twice = ReportSections.put(once, HEADING, HEADING + "\n\nsecond run\n");
        assertThat(twice).isEqualTo(ReportSections.put(REPORT, HEADING, HEADING + "\n\nsecond run\n"));
        assertThat(twice).doesNotContain("first run", "### Failover");
    }

    @Test
    void theNormalRunKeepsTheSectionItFindsInTheOldReport() {
        String old = ReportSections.put(REPORT, HEADING, HEADING + "\n\nmeasured\n\n### Failover\n\n0 lost\n");
        assertThat(ReportSections.find(old, HEADING)).isEqualTo(HEADING + "\n\nmeasured\n\n### Failover\n\n0 lost\n\n");
        String rerendered = REPORT.replace("intro", "a new run");
        assertThat(ReportSections.keep(old, rerendered, HEADING)).isEqualTo(old.replace("intro", "a new run"));
        assertThat(ReportSections.keep(REPORT, rerendered, HEADING)).as("nothing to keep").isEqualTo(rerendered);
        assertThat(ReportSections.keep("", rerendered, HEADING)).as("no report yet").isEqualTo(rerendered);
    }

    @Test
    void withoutTheLimitsSectionItIsAppended() {
        assertThat(ReportSections.put("# Benchmarks\n", HEADING, HEADING + "\n\nx\n")).isEqualTo("# Benchmarks\n\n" + HEADING + "\n\nx\n\n");
        assertThat(ReportSections.put("", HEADING, HEADING + "\n\nx\n")).isEqualTo(HEADING + "\n\nx\n\n");
    }
}
