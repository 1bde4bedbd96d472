package io.parkops.platform.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import java.util.List;
import java.util.Map;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;

/** What the portfolio reads from one site's twins and alerts, without a network. */
class SiteConditionsTest {

    @Test
    void aZoneIsOutsideComfortWhenAnyOfItsSensorsIs() {
        SiteConditions site = new SiteConditions();
        site.add(twin("iaq-1", "iaq-sensor", "z1", "environment", "{\"temperature\":22,\"co2\":600}"));
        site.add(twin("iaq-2", "iaq-sensor", "z1", "environment", "{\"co2\":1400}"));
        site.add(twin("iaq-3", "iaq-sensor", "z2", "environment", "{\"temperature\":23.5}"));
        site.add(twin("iaq-4", "iaq-sensor", "z3", "environment", "{}")); // no reading yet: says nothing
        assertThat(site.comfortJson().getMap()).containsEntry("zones", 2).containsEntry("outside", 1).containsEntry("outsideShare", 0.5);
    }

    @Test
    void dronesAreGroundedByGustsAboveTheLimitOrAWindAlert() {
        SiteConditions calm = new SiteConditions();
        calm.add(twin("pad-1", "drone-pad", "roof", "pad", "{\"occupied\":true}"));
        calm.add(twin("ws-1", "weather-station", "roof", "weather", "{\"windGust\":11.9}"));
        assertThat(calm.droneState()).isEqualTo("ok");
        assertThat(calm.dronesJson().getInteger("occupied")).isEqualTo(1);

        SiteConditions gusty = new SiteConditions();
        gusty.add(twin("pad-1", "drone-pad", "roof", "pad", "{\"occupied\":false}"));
        gusty.add(twin("ws-1", "weather-station", "roof", "weather", "{\"windGust\":12.4}"));
        assertThat(gusty.droneState()).isEqualTo("grounded");

        SiteConditions alerted = new SiteConditions();
        alerted.add(twin("pad-1", "drone-pad", "roof", "pad", "{}"));
        alerted.add(alert("ws-1", "weather-station", "drone-pads-unsafe-wind", Severity.MAJOR));
        assertThat(alerted.droneState()).isEqualTo("grounded");
        assertThat(alerted.alerts(Severity.MAJOR)).isEqualTo(1);

        SiteConditions none = new SiteConditions();
        none.add(twin("ws-1", "weather-station", "roof", "weather", "{\"windGust\":20}"));
        assertThat(none.droneState()).as("no pads, no drone operations").isEqualTo("none");
    }

    @Test
    void anOntIsDownWhenItsLinkIsDown() {
        SiteConditions site = new SiteConditions();
        site.add(twin("ont-1", "ont", "z1", "optical", "{\"linkUp\":false,\"rxPower\":-40}"));
        site.add(twin("ont-2", "ont", "z1", "optical", "{\"linkUp\":true,\"rxPower\":-29}"));
        site.add(twin("ont-3", "ont", "z2", "optical", "{}"));
        assertThat(site.ontsJson().getMap()).isEqualTo(Map.of("total", 3, "down", 1));
    }

    private static Thing twin(String id, String type, String zone, String feature, String properties) {
        return ThingsModelFactory.newThing("{\"thingId\":\"nanan:" + id + "\",\"attributes\":{\"tenant\":\"nanan\",\"type\":\"" + type
                + "\",\"building\":\"b1\",\"zone\":\"" + zone + "\"},\"features\":{\"" + feature + "\":{\"properties\":" + properties + "}}}");
    }

    private static Alert alert(String id, String type, String rule, Severity severity) {
        Device device = new Device(ThingId.of("nanan", id), type, Map.of("building", "b1"), List.of());
        return new Alert("a-" + id, device, rule, severity, AlertState.ACTIVE_UNACK, 15, 12, "gusts", 1L, 1L, null, null, List.of(), null);
    }
}
