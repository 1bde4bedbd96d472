package io.parkops.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayoutFilesTest {

    private static final String GOOD = """
            # a small business park
            intervals: { leak-sensor: 60 }
            sites:
              - tenant: north-park
                buildings:
                  - id: hq
                    floors:
                      - id: "1"
                        zones:
                          - id: lobby
                            devices: { iaq-sensor: 2, leak-sensor: 1 }
                      - id: roof
                        zones:
                          - { id: mast, devices: { weather-station: 1 } }
            """;

    private static FleetLayout parse(String text, String name) {
        return LayoutFiles.parse(text.getBytes(StandardCharsets.UTF_8), name);
    }

    @Test
    void readsSitesBuildingsFloorsZonesAndCountsFromYaml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("park.yaml");
        Files.writeString(file, GOOD);

        List<SimDevice> fleet = ParkLayout.plan(SimOptions.defaults().withLayout(LayoutFiles.read(file)));

        assertThat(fleet).extracting(d -> d.tenant() + '/' + d.deviceId() + ' ' + d.attributes().get("building") + '/'
                        + d.attributes().get("floor") + '/' + d.attributes().get("zone"))
                .containsExactlyInAnyOrder("north-park/iaq-0001 hq/1/lobby", "north-park/iaq-0002 hq/1/lobby",
                        "north-park/leak-0001 hq/1/lobby", "north-park/ws-0001 hq/roof/mast");
        assertThat(SimOptions.defaults().withLayout(LayoutFiles.read(file)).intervalOf("leak-sensor").toSeconds()).isEqualTo(60);
    }

    @Test
    void readsTheSameLayoutFromJson() {
        FleetLayout layout = parse("""
                {"sites": [{"tenant": "north-park", "buildings": [{"id": "hq", "floors": [{"id": "1",
                  "zones": [{"id": "lobby", "devices": {"iaq-sensor": 2}}]}]}]}]}
                """, "park.json");

        assertThat(layout.tenants()).containsExactly("north-park");
        assertThat(layout.site("north-park").places().get(DeviceKind.IAQ_SENSOR)).hasSize(2);
    }

    @Test
    void theBuiltInLayoutsAreTheLeadParks() {
        FleetLayout defaults = LayoutFiles.defaults();

        assertThat(defaults.tenants()).containsExactly("nanan", "xinshengli");
        assertThat(defaults.site("nanan").places()).hasSize(8).allSatisfy((kind, places) -> assertThat(places).hasSize(2));
        assertThat(defaults.site("xinshengli").places().get(DeviceKind.IAQ_SENSOR).get(0))
                .containsEntry("zone", ParkLayout.SURGE_ZONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown type   | devices: { iaq-sensor: 2, leak-sensor: 1 }  | devices: { iaq: 2 }            | near line 12: sites[0].buildings[0].floors[0].zones[0]: unknown device type 'iaq'; built-in types are [iaq-sensor,",
            "negative count | devices: { iaq-sensor: 2, leak-sensor: 1 }  | devices: { iaq-sensor: -1 }    | near line 12: sites[0].buildings[0].floors[0].zones[0]: 'devices.iaq-sensor' must be a count 0..100000, was -1",
            "bad tenant     | tenant: north-park                          | tenant: North_Park             | near line 15: sites[0]: tenant 'North_Park' must match",
            "unknown field  | id: lobby                                   | id: lobby\\n                colour: red | sites[0].buildings[0].floors[0].zones[0].colour: Unrecognized field",
            "not a number   | devices: { iaq-sensor: 2, leak-sensor: 1 }  | devices: { iaq-sensor: many }  | line 11: sites[0].buildings[0].floors[0].zones[0].devices.iaq-sensor: Cannot deserialize value of type",
            "no zones       | - { id: mast, devices: { weather-station: 1 } } | []                         | near line 15: sites[0].buildings[0].floors[1]: 'zones' must list at least one entry"})
    void badFilesFailNamingTheLineAndField(String what, String replace, String with, String message) {
        String text = GOOD.replace(replace.trim(), with.trim().replace("\\n", "\n"));

        assertThatThrownBy(() -> parse(text, "park.yaml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("park.yaml").hasMessageContaining(message);
    }

    @Test
    void brokenYamlAndEmptyFilesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("sites: [ {tenant: a", "park.yaml")).hasMessageContaining("park.yaml line 1")
                .hasMessageContaining("while parsing a flow mapping");
        assertThatThrownBy(() -> parse("sites: [ {tenant: a}", "park.json")).hasMessageContaining("park.json line 1")
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("", "park.yaml")).hasMessageContaining("park.yaml").hasMessageContaining("sites");
        assertThatThrownBy(() -> parse("sites: []", "park.yaml")).hasMessageContaining("'sites' must list at least one site");
    }

    @Test
    void aTenantTheFileDoesNotDescribeIsLaidOutLikeItsFirstSite() {
        FleetLayout layout = parse(GOOD, "park.yaml");

        assertThat(layout.site("south-park").places()).isEqualTo(layout.site("north-park").places());
        assertThat(Map.copyOf(layout.intervals())).containsEntry("leak-sensor", 60.0);
    }
}
