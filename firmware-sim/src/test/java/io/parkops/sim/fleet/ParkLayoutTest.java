package io.parkops.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.sim.Protocol;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParkLayoutTest {

    private static List<SimDevice> plan(List<String> tenants, int perType, Protocol protocol) {
        return ParkLayout.plan(SimOptions.defaults().withFleet(tenants, perType).withProtocol(protocol));
    }

    @Test
    void plansEveryTypePerTenantWithContractStyleIds() {
        List<SimDevice> fleet = plan(List.of("nanan", "xinshengli"), 2, Protocol.MIXED);

        assertThat(fleet).hasSize(2 * 8 * 2);
        assertThat(fleet).filteredOn(d -> d.tenant().equals("nanan")).extracting(SimDevice::deviceId)
                .containsExactly("iaq-0001", "em-0001", "ws-0001", "pv-0001", "leak-0001", "ont-0001", "hvac-0001", "pad-0001",
                        "iaq-0002", "em-0002", "ws-0002", "pv-0002", "leak-0002", "ont-0002", "hvac-0002", "pad-0002");
        assertThat(fleet).extracting(SimDevice::type).containsOnly("iaq-sensor", "energy-meter", "weather-station",
                "pv-inverter", "leak-sensor", "ont", "hvac-loop", "drone-pad");
    }

    @Test
    void placesEveryDeviceInABuildingFloorAndZone() {
        assertThat(plan(List.of("nanan", "xinshengli", "north-park"), 30, Protocol.MQTT)).allSatisfy(d -> {
            assertThat(d.attributes()).containsOnlyKeys("building", "floor", "zone");
            assertThat(d.attributes().get("building")).matches("b[0-9]+");
        });
    }

    @Test
    void putsNananOntsAtDeskClustersAndXinshengliRooftopKitOnTheRoof() {
        assertThat(plan(List.of("nanan"), 6, Protocol.COAP)).filteredOn(d -> d.type().equals("ont"))
                .allSatisfy(d -> assertThat(d.attributes().get("zone")).startsWith("desk-cluster-"));
        assertThat(plan(List.of("xinshengli"), 6, Protocol.COAP))
                .filteredOn(d -> Set.of("weather-station", "pv-inverter", "drone-pad").contains(d.type()))
                .allSatisfy(d -> assertThat(d.attributes()).containsEntry("floor", "roof"));
    }

    @Test
    void mixedCarriesEveryTypeOverEveryTransport() {
        for (List<SimDevice> fleet : List.of(plan(List.of("nanan", "xinshengli"), 2, Protocol.MIXED),
                plan(List.of("nanan"), 3, Protocol.MIXED))) {
            Map<String, Set<Protocol>> transportsByType = fleet.stream().collect(Collectors.groupingBy(SimDevice::type,
                    Collectors.mapping(SimDevice::protocol, Collectors.toSet())));
            assertThat(transportsByType).hasSize(8).allSatisfy((type, protocols) ->
                    assertThat(protocols).as(type).containsExactlyInAnyOrder(Protocol.MQTT, Protocol.COAP, Protocol.COAPS));
        }
    }

    @Test
    void hasOneCo2SurgeRoomPerTenant() {
        Map<String, List<SimDevice>> surges = plan(List.of("nanan", "xinshengli"), 5, Protocol.MIXED).stream()
                .filter(ParkLayout::isCo2Surge).collect(Collectors.groupingBy(SimDevice::tenant));
        assertThat(surges).hasSize(2).allSatisfy((tenant, rooms) -> {
            assertThat(rooms).hasSize(1);
            assertThat(rooms.get(0).attributes()).containsEntry("zone", ParkLayout.SURGE_ZONE);
        });
    }

    @Test
    void passwordsDependOnTheDeviceOnlySoReRunsStillAuthenticate() {
        List<SimDevice> first = ParkLayout.plan(SimOptions.defaults().withSeed(1));
        List<SimDevice> second = ParkLayout.plan(SimOptions.defaults().withSeed(2));
        assertThat(second).extracting(SimDevice::password).isEqualTo(first.stream().map(SimDevice::password).toList());
        assertThat(first).extracting(SimDevice::password).doesNotHaveDuplicates();
    }

    @Test
    void defaultParkIsTwoOfEveryTypePerLeadSiteAsTheBuiltInFilesSay() {
        List<SimDevice> fleet = ParkLayout.plan(SimOptions.defaults());

        assertThat(fleet).hasSize(2 * 8 * 2);
        assertThat(fleet).filteredOn(d -> d.deviceId().equals("ont-0002") && d.tenant().equals("nanan")).singleElement()
                .satisfies(d -> assertThat(d.attributes()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("building", "b2", "floor", "9", "zone", "desk-cluster-02")));
    }

    @Test
    void totalDevicesGrowsTheParkInTheLayoutsProportionsReusingItsPlaces() {
        List<SimDevice> fleet = ParkLayout.plan(SimOptions.defaults().withTotalDevices(1000));

        assertThat(fleet).hasSize(1000).extracting(d -> d.tenant() + '/' + d.deviceId()).doesNotHaveDuplicates();
        Map<String, Long> perType = fleet.stream().collect(Collectors.groupingBy(SimDevice::type, Collectors.counting()));
        assertThat(perType).hasSize(8).allSatisfy((type, n) -> assertThat(n).isBetween(124L, 126L));
        Set<String> zones = ParkLayout.plan(SimOptions.defaults()).stream().map(d -> d.tenant() + d.attributes())
                .collect(Collectors.toSet());
        assertThat(fleet).allSatisfy(d -> assertThat(zones).contains(d.tenant() + d.attributes()));
        assertThat(ParkLayout.plan(SimOptions.defaults().withTotalDevices(5))).hasSize(5);
    }

    @Test
    void keepsPasswordsAndKeysOutOfToString() {
        SimDevice device = plan(List.of("nanan"), 1, Protocol.MQTT).get(0);
        assertThat(device.toString()).doesNotContain(device.password()).doesNotContain(device.psk());
        assertThat(device.psk()).isNotEqualTo(device.password()).startsWith("simpsk-");
        assertThat(device.authId()).isEqualTo("iaq-0001@nanan");
    }
}
