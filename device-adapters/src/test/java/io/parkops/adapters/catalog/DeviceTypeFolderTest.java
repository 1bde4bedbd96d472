package io.parkops.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceTypeFolderTest {

    private static final String GAUGE = "id: gauge\nversion: '%s'\nreportingIntervalSeconds: 10\n"
            + "features:\n  f:\n    properties:\n      level: {type: number, minimum: 0, maximum: %s}\n";

    private final DeviceTypeCatalog catalog = DeviceTypeCatalog.builtin();
    private final Set<String> used = new HashSet<>();

    @Test
    void loadsNewAndChangedFilesAndDropsRemovedOnes(@TempDir Path dir) throws Exception {
        DeviceTypeFolder folder = new DeviceTypeFolder(catalog, dir, used::contains);
        Files.writeString(dir.resolve("gauge.yaml"), GAUGE.formatted("1", "10"));
        assertThat(folder.scan()).isEqualTo(1);
        assertThat(catalog.find("gauge").orElseThrow().version()).isEqualTo("1");
        assertThat(catalog.source("gauge")).isEqualTo("gauge.yaml");
        assertThat(folder.scan()).isZero();

        Files.writeString(dir.resolve("gauge.yaml"), GAUGE.formatted("2", "100"));
        folder.scan();
        assertThat(catalog.find("gauge").orElseThrow().version()).isEqualTo("2");

        Files.delete(dir.resolve("gauge.yaml"));
        folder.scan();
        assertThat(catalog.find("gauge")).isEmpty();
    }

    @Test
    void keepsThePreviousVersionWhenAnEditIsInvalid(@TempDir Path dir) throws Exception {
        DeviceTypeFolder folder = new DeviceTypeFolder(catalog, dir, used::contains);
        Files.writeString(dir.resolve("gauge.yaml"), GAUGE.formatted("1", "10"));
        folder.scan();
        Files.writeString(dir.resolve("gauge.yaml"), GAUGE.formatted("2", "-5")); // maximum below minimum
        folder.scan();
        assertThat(catalog.find("gauge").orElseThrow().version()).isEqualTo("1");
        assertThat(folder.errors()).containsOnlyKeys("gauge.yaml");
        assertThat(folder.errors().get("gauge.yaml")).contains("gauge.yaml").contains("minimum 0.0 is above maximum -5.0");
    }

    @Test
    void refusesAFileWhoseIdDiffersFromItsName(@TempDir Path dir) throws Exception {
        DeviceTypeFolder folder = new DeviceTypeFolder(catalog, dir, used::contains);
        Files.writeString(dir.resolve("meter.yaml"), GAUGE.formatted("1", "10"));
        folder.scan();
        assertThat(catalog.find("gauge")).isEmpty();
        assertThat(folder.errors().get("meter.yaml")).contains("id 'gauge' must match the file name (meter)");
    }

    @Test
    void keepsATypeInUseWhenItsFileIsRemoved(@TempDir Path dir) throws Exception {
        DeviceTypeFolder folder = new DeviceTypeFolder(catalog, dir, used::contains);
        Files.writeString(dir.resolve("gauge.yaml"), GAUGE.formatted("1", "10"));
        folder.scan();
        used.add("gauge");
        Files.delete(dir.resolve("gauge.yaml"));
        folder.scan();
        assertThat(catalog.find("gauge")).isPresent();
        assertThat(folder.errors().get("gauge.yaml")).contains("devices still use type 'gauge'");
    }

    @Test
    void aFileOverridesABuiltInTypeUntilItIsRemoved(@TempDir Path dir) throws Exception {
        DeviceTypeFolder folder = new DeviceTypeFolder(catalog, dir, used::contains);
        String leak = "{\"id\":\"leak-sensor\",\"version\":\"9\",\"reportingIntervalSeconds\":60,"
                + "\"features\":{\"leak\":{\"properties\":{\"wet\":{\"type\":\"boolean\"}}}}}";
        Files.writeString(dir.resolve("leak-sensor.json"), leak);
        folder.scan();
        assertThat(catalog.find("leak-sensor").orElseThrow().version()).isEqualTo("9");
        Files.delete(dir.resolve("leak-sensor.json"));
        folder.scan();
        assertThat(catalog.find("leak-sensor").orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(catalog.source("leak-sensor")).isEqualTo(DeviceTypeCatalog.BUILT_IN);
    }
}
