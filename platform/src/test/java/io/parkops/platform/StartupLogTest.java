package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What an operator reads when the platform starts: no warning from the metrics libraries (a known upstream double registration). */
@ExtendWith(RealServices.class)
@Timeout(60)
class StartupLogTest {

    @Test
    void aCleanStartLogsNoMetricsRegistrationWarning(InfluxServer influx, @TempDir Path dir) throws Exception {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        root.addAppender(seen);
        try (TestPlatform p = TestPlatform.start(influx, dir, null)) {
            assertThat(p.get("/health").statusCode()).isEqualTo(200);
        } finally {
            root.detachAppender(seen);
        }
        assertThat(seen.list).as("the start was logged").anyMatch(e -> e.getFormattedMessage().contains("HTTP API listening"));
        assertThat(seen.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .noneMatch(e -> e.getLoggerName().startsWith("io.micrometer") || e.getFormattedMessage().contains("already registered"));
    }
}
