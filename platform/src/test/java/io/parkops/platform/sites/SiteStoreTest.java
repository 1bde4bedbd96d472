package io.parkops.platform.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.site.Site;
import io.parkops.model.site.SiteJson;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site kept at run time is announced, so the registry takes it as a tenant without a restart. */
class SiteStoreTest {

    @TempDir
    Path dir;

    @Test
    void everySiteKeptIsAnnouncedWhetherPutHereOrSharedByAnotherNode() {
        try (SiteStore store = SiteStore.in(dir)) {
            List<String> kept = new CopyOnWriteArrayList<>();
            store.whenKept(kept::add);
            Site north = new Site("north-park", "North Park", 120_000.0, ZoneId.of("Europe/Berlin"), null, null, List.of());
            assertThat(store.put(north)).isTrue();
            assertThat(store.applyShared("south-park", SiteJson.toJson(
                    new Site("south-park", "South Park", null, ZoneId.of("Asia/Shanghai"), null, null, List.of())).encode())).isTrue();
            assertThat(store.remove("north-park")).isTrue();
            assertThat(kept).containsExactly("north-park", "south-park");
        }
    }
}
