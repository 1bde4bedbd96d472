package io.parkops.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceRequestViaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DeviceRequest requests = new DeviceRequest(DeviceTypeCatalog.builtin());

    private Device parse(String via) throws Exception {
        return requests.parse(JSON.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"meter-1\",\"type\":\"energy-meter\",\"via\":" + via + "}"));
    }

    @Test
    void keepsTheGatewaysInOrder() throws Exception {
        Device meter = parse("[\"gw-01\",\"gw-02\"]");
        assertThat(meter.via()).containsExactly("gw-01", "gw-02");
        assertThat(meter.isReachableVia(ThingId.of("nanan", "gw-02"))).isTrue();
        assertThat(meter.isReachableVia(ThingId.of("nanan", "gw-03"))).isFalse();
        // a gateway of the same name in another site is another gateway
        assertThat(meter.isReachableVia(ThingId.of("xinshengli", "gw-01"))).isFalse();
    }

    @Test
    void aDeviceWithoutViaHasNoGateway() throws Exception {
        Device alone = requests.parse(JSON.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"meter-1\",\"type\":\"energy-meter\"}"));
        assertThat(alone.via()).isEmpty();
        assertThat(parse("null").via()).isEmpty();
        assertThat(parse("[]").via()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"gw-01\"               | via must be an array of gateway device ids",
            "{\"id\":\"gw-01\"}      | via must be an array of gateway device ids",
            "[1]                     | via[0] must be a string: a gateway's deviceId",
            "[\"gw-01\",\"bad id\"]  | via[1] 'bad id' must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}",
            "[\"gw-01@nanan\"]       | via[0] 'gw-01@nanan' must match [A-Za-z0-9][A-Za-z0-9._-]{0,63} (a gateway is in the device's own tenant",
            "[\"\"]                  | via[0] '' must match",
            "[\"meter-1\"]           | via[0] 'meter-1' is the device itself",
            "[\"gw-01\",\"gw-01\"]   | via[1] 'gw-01' is named twice"})
    void refusesABadEntryNamingTheField(String via, String message) {
        assertThatThrownBy(() -> parse(via)).isInstanceOfSatisfying(DeviceRequest.InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo(message.substring(0, message.indexOf(' '))))
                .hasMessageStartingWith(message);
    }

    @Test
    void refusesMoreGatewaysThanTheBound() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= DeviceRequest.MAX_GATEWAYS; i++) {
            many.append(i == 0 ? "" : ",").append("\"gw-").append(i).append('"');
        }
        assertThatThrownBy(() -> parse(many + "]")).hasMessage("via has " + (DeviceRequest.MAX_GATEWAYS + 1)
                + " entries; at most " + DeviceRequest.MAX_GATEWAYS);
    }

    @Test
    void theRegistryAnswersWhichGatewayMayActForWhichDevice() throws Exception {
        DeviceRegistry registry = new DeviceRegistry();
        registry.add(requests.parse(JSON.readTree("{\"tenant\":\"nanan\",\"deviceId\":\"gw-01\",\"type\":\"gateway\"}")));
        registry.add(parse("[\"gw-01\"]"));
        ThingId gw = ThingId.of("nanan", "gw-01");
        assertThat(registry.mayActFor(gw, ThingId.of("nanan", "meter-1"))).isTrue();
        assertThat(registry.mayActFor(gw, ThingId.of("nanan", "meter-2"))).as("not provisioned").isFalse();
        assertThat(registry.mayActFor(ThingId.of("nanan", "meter-1"), gw)).as("not the other way round").isFalse();
        assertThat(registry.isGateway(gw)).isTrue();
        assertThat(registry.isGateway(ThingId.of("nanan", "meter-1"))).isFalse();
        registry.remove(ThingId.of("nanan", "meter-1"));
        assertThat(registry.mayActFor(gw, ThingId.of("nanan", "meter-1"))).as("deleted").isFalse();
    }
}
