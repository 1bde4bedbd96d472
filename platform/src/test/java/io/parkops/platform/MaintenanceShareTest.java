package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceShareTest {

    private static final String WINDOW = """
            {"windows": [{"id": "w1", "tenant": "nanan", "from": "2026-12-01T01:00:00Z", "to": "2026-12-01T03:00:00Z"}]}""";

    @TempDir
    Path dir;

    private final List<String> shared = new ArrayList<>();
    private final AtomicInteger reloads = new AtomicInteger();

    private MaintenanceShare node(String name) throws Exception {
        Files.createDirectories(dir.resolve(name));
        MaintenanceShare share = new MaintenanceShare(dir.resolve(name).resolve("maintenance.json"), reloads::incrementAndGet);
        share.shareThrough((kind, id, value) -> shared.add(kind.key(id) + "=" + value));
        return share;
    }

    @Test
    void anEditedFileIsSharedOnceAndAnAppliedOneIsNotSharedBack() throws Exception {
        MaintenanceShare a = node("a");
        MaintenanceShare b = node("b");
        a.check();
        assertThat(shared).as("no file, nothing shared").isEmpty();

        Files.writeString(dir.resolve("a/maintenance.json"), WINDOW);
        a.check();
        a.check();
        assertThat(shared).containsExactly("maintenance/windows=" + WINDOW);

        b.applyShared(MaintenanceShare.ID, WINDOW);
        assertThat(Files.readString(dir.resolve("b/maintenance.json"))).isEqualTo(WINDOW);
        assertThat(reloads).hasValue(1);
        b.check();
        assertThat(shared).as("no echo").hasSize(1);

        Files.delete(dir.resolve("a/maintenance.json"));
        a.check();
        assertThat(shared).last().isEqualTo("maintenance/windows=null");
        b.applyShared(MaintenanceShare.ID, null);
        assertThat(dir.resolve("b/maintenance.json")).doesNotExist();
    }

    @Test
    void aFileTheRulesWouldRefuseIsNeitherSharedNorApplied() throws Exception {
        MaintenanceShare a = node("a");
        Files.writeString(dir.resolve("a/maintenance.json"), "{\"windows\": [{\"id\": \"w1\"}]}");
        a.check();
        assertThat(shared).isEmpty();
        assertThatThrownBy(() -> node("b").applyShared(MaintenanceShare.ID, "{\"windows\": 3}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("b/maintenance.json")).doesNotExist();
    }
}
