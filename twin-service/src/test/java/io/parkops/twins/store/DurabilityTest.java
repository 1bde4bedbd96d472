package io.parkops.twins.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.ThingId;
import io.parkops.twins.TestTypes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.things.model.Thing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void twinsSurviveKillMinus9MidIngest() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IngestChild.class.getName(), dir.toString(), "200")
                .redirectErrorStream(true).start();
        long committed = 0;
        int commits = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (commits < 6 && (line = out.readLine()) != null) {
                if (line.startsWith("committed iaq-0 ")) {
                    committed = Long.parseLong(line.substring("committed iaq-0 ".length()));
                    commits++;
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no final commit
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(commits).as("commit reports from the child").isEqualTo(6);
        assertThat(committed).isGreaterThan(1);

        try (TwinPersistence reopened = TwinPersistence.open(dir, Duration.ofMillis(200))) {
            TwinStore store = new TwinStore(TestTypes.TYPES, reopened);
            assertThat(store.size()).isEqualTo(20);
            Thing thing = store.find(ThingId.of("nanan", "iaq-0")).orElseThrow();
            assertThat(thing.getRevision().orElseThrow().toLong()).isGreaterThanOrEqualTo(committed);
            assertThat(thing.getModified().orElseThrow()).isAfter(Instant.now().minusSeconds(60));
            assertThat(thing.getCreated()).isPresent();
            assertThat(thing.getAttributes().orElseThrow().getValue("building").orElseThrow().asString()).isEqualTo("b0");
            assertThat(thing.getFeatures().orElseThrow().getFeature("environment").orElseThrow()
                    .getProperty("co2")).isPresent();
        }
    }
}
