package io.parkops.adapters.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceBucketsTest {

    @TempDir
    Path data;

    @Test
    void aNewDataDirGetsFewBucketsAndKeepsThem() throws IOException {
        assertThat(PersistenceBuckets.choose(data)).isEqualTo(PersistenceBuckets.FOR_NEW_DATA);
        Files.createDirectories(data.resolve("persistence"));
        assertThat(PersistenceBuckets.choose(data)).isEqualTo(PersistenceBuckets.FOR_NEW_DATA);
    }

    @Test
    void persistenceWrittenWithHiveMqsDefaultIsReadWithIt() throws IOException {
        Files.createDirectories(data.resolve("persistence").resolve("client_session_store"));
        assertThat(PersistenceBuckets.choose(data)).isEqualTo(PersistenceBuckets.HIVEMQ_DEFAULT);
        assertThat(Files.readString(data.resolve(PersistenceBuckets.MARKER)).strip()).isEqualTo("64");
    }

    @Test
    void aDamagedMarkerIsNamed() throws IOException {
        Files.writeString(data.resolve(PersistenceBuckets.MARKER), "many");
        assertThatThrownBy(() -> PersistenceBuckets.choose(data)).hasMessageContaining(PersistenceBuckets.MARKER)
                .hasMessageContaining("many");
    }
}
