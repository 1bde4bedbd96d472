package io.parkops.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.ThingId;
import io.parkops.model.site.Site;
import io.parkops.model.site.SiteJson;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EstateTest {

    private static final FleetLayout ESTATE = Estate.layout();
    private static final SimOptions OPTIONS = SimOptions.defaults().withLayout(ESTATE);
    private static final List<SimDevice> FLEET = ParkLayout.plan(OPTIONS);

    private static List<Site> generated() {
        return ESTATE.sites().stream().flatMap(s -> s.describedSite().stream()).toList();
    }

    @Test
    void isTheLeadParksPlusEighteenGeneratedParks() {
        assertThat(ESTATE.tenants()).hasSize(20).doesNotHaveDuplicates().startsWith("nanan", "xinshengli");
        assertThat(ESTATE.site("nanan")).isEqualTo(LayoutFiles.defaults().site("nanan"));
        assertThat(ESTATE.site("xinshengli")).isEqualTo(LayoutFiles.defaults().site("xinshengli"));
        assertThat(LayoutFiles.named("estate")).isEqualTo(ESTATE);
    }

    @Test
    void isTheSameEstateOnEveryRun() {
        FleetLayout again = Estate.layout();

        assertThat(again).isEqualTo(ESTATE);
        assertThat(ParkLayout.plan(SimOptions.defaults().withLayout(again))).isEqualTo(FLEET);
        // a fingerprint, so that a change of the generator that moves the demo's screenshots is noticed here
        assertThat(FLEET).hasSize(3_116);
        assertThat(generated()).extracting(Site::areaM2).contains(41_000.0, 288_000.0);
    }

    @Test
    void everyGeneratedParkIsDescribedWithRealisticVariedSizes() {
        List<Site> sites = generated();

        assertThat(sites).hasSize(18).extracting(Site::id)
                .containsExactlyElementsOf(ESTATE.tenants().subList(2, 20));
        assertThat(sites).allSatisfy(site -> {
            assertThat(site.areaM2()).isBetween(40_000.0, 300_000.0);
            assertThat(site.buildings()).hasSizeBetween(1, 12).allSatisfy(b -> assertThat(b.areaM2()).isPositive());
            assertThat(site.buildings().stream().mapToDouble(Site.Building::areaM2).sum()).isEqualTo(site.areaM2());
            assertThat(site.name()).isNotBlank();
            assertThat(site.address()).isNotBlank();
            assertThat(site.gridEmissionFactor()).isBetween(0.1, 1.0);
            // the buildings the devices report from are the buildings the site describes
            assertThat(ESTATE.site(site.id()).buildings()).extracting(FleetLayout.Building::id)
                    .containsExactlyElementsOf(site.buildings().stream().map(Site.Building::id).toList());
            // what the simulator puts to /api/sites reads back as the same site
            assertThat(SiteJson.parse(site.id(), SiteJson.toJson(site))).isEqualTo(site);
        });
        assertThat(sites.stream().mapToDouble(Site::areaM2).min().orElseThrow()).isLessThan(50_000);
        assertThat(sites.stream().mapToDouble(Site::areaM2).max().orElseThrow()).isGreaterThan(250_000);
        assertThat(sites.stream().map(s -> s.buildings().size()).collect(Collectors.toSet())).contains(1, 12).hasSizeGreaterThan(6);
        assertThat(sites.stream().filter(s -> s.timeZone().equals(ZoneId.of("Asia/Shanghai"))).count()).isGreaterThanOrEqualTo(14);
    }

    @Test
    void aFewThousandDevicesWithValidIdsOnEverySite() {
        assertThat(FLEET.size()).isBetween(2_000, 5_000);
        assertThat(FLEET).allSatisfy(d -> {
            assertThat(ThingId.isValidTenant(d.tenant())).as(d.tenant()).isTrue();
            assertThat(ThingId.isValidDeviceId(d.deviceId())).as(d.deviceId()).isTrue();
        });
        assertThat(FLEET.stream().map(SimDevice::thingId).distinct().count()).isEqualTo(FLEET.size());
        Map<String, Long> perSite = FLEET.stream().collect(Collectors.groupingBy(SimDevice::tenant, Collectors.counting()));
        assertThat(perSite.keySet()).containsExactlyInAnyOrderElementsOf(ESTATE.tenants());
        assertThat(perSite.values()).allSatisfy(n -> assertThat(n).isBetween(16L, 1_000L));
    }

    @Test
    void someParksHaveRooftopPvDronesAndFiberAndOthersDoNot() {
        Map<String, Set<String>> types = FLEET.stream().filter(d -> !Set.of("nanan", "xinshengli").contains(d.tenant()))
                .collect(Collectors.groupingBy(SimDevice::tenant, Collectors.mapping(SimDevice::type, Collectors.toSet())));

        for (String optional : List.of("pv-inverter", "drone-pad", "ont")) {
            long with = types.values().stream().filter(t -> t.contains(optional)).count();
            assertThat(with).as(optional).isBetween(3L, 17L);
        }
        assertThat(types.values()).allSatisfy(t -> assertThat(t).contains("energy-meter", "iaq-sensor", "hvac-loop", "leak-sensor"));
        assertThat(FLEET).filteredOn(d -> d.type().equals("drone-pad"))
                .allSatisfy(d -> assertThat(d.attributes()).containsEntry("floor", "roof"));
    }

    @Test
    void theGeneratedParksReportRarelyEnoughForALaptop() {
        double perSecond = FLEET.stream().mapToDouble(d -> 1000.0 / OPTIONS.intervalOf(d.tenant(), d.type()).toMillis()).sum();

        assertThat(perSecond).isBetween(20.0, 500.0);
        assertThat(OPTIONS.intervalOf("nanan", "iaq-sensor")).isEqualTo(OPTIONS.interval()); // the lead parks as before
        assertThat(OPTIONS.intervalOf("suzhou-bay", "iaq-sensor").toSeconds()).isEqualTo(60);
    }

    @Test
    void aLayoutFileMayDescribeItsSiteAndGiveItsOwnIntervals() {
        FleetLayout layout = LayoutFiles.parse("""
                intervals: { leak-sensor: 60 }
                sites:
                  - tenant: north-park
                    intervals: { leak-sensor: 600 }
                    description: { name: North Park, areaM2: 52000, timeZone: Europe/Berlin,
                                   buildings: [ { id: hq, name: Headquarters, areaM2: 52000 } ] }
                    buildings:
                      - { id: hq, floors: [ { id: "1", zones: [ { id: lobby, devices: { leak-sensor: 1 } } ] } ] }
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "park.yaml");

        Site site = layout.site("north-park").describedSite().orElseThrow();
        assertThat(site.name()).isEqualTo("North Park");
        assertThat(site.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(SimOptions.defaults().withLayout(layout).intervalOf("north-park", "leak-sensor").toSeconds()).isEqualTo(600);
    }

    @Test
    void aBadSiteDescriptionNamesItsField() {
        assertThatThrownBy(() -> LayoutFiles.parse("""
                sites:
                  - tenant: north-park
                    description: { name: North Park, areaM2: -5 }
                    buildings:
                      - { id: hq, floors: [ { id: "1", zones: [ { id: lobby, devices: { leak-sensor: 1 } } ] } ] }
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "park.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("park.yaml near line")
                .hasMessageContaining("sites[0]")
                .hasMessageContaining("'areaM2' must be at least 0");
    }
}
