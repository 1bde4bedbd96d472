package io.parkops.platform.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.site.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitesBootstrapTest {

    @Test
    void theDemoShipsTheTwoLeadParks() {
        List<Site> parks = SitesBootstrap.leadParks();
        assertThat(parks).extracting(Site::id).containsExactly("nanan", "xinshengli");
        assertThat(parks).extracting(Site::name).containsExactly("Nan'an Xindi", "Xinshengli");
        assertThat(parks).extracting(Site::areaM2).containsExactly(450_000.0, 650_000.0);
        assertThat(parks).extracting(Site::timeZone).containsOnly(ZoneId.of("Asia/Shanghai"));
        assertThat(parks.get(0).buildings()).extracting(Site.Building::id).contains("b1", "b2", "dc");
    }

    @Test
    void aBadSiteInTheFileIsRefusedWithItsIndexAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, """
                tenants: [nanan]
                sites:
                  - {id: nanan, name: Nan'an}
                  - {id: xinshengli, name: Xinshengli, timeZone: Asia/Xinshengli}
                """);
        assertThatThrownBy(() -> SitesBootstrap.read(file))
                .hasMessageContaining("sites[1]").hasMessageContaining("field 'timeZone'");
    }

    @Test
    void aFileWithoutSitesDeclaresNone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, "tenants: [nanan]\ndevices: []\n");
        assertThat(SitesBootstrap.read(file)).isEmpty();
    }
}
