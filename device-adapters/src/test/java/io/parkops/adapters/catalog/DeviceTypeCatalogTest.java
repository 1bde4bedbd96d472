package io.parkops.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.DeviceType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeviceTypeCatalogTest {

    @Test
    void holdsTheNineBuiltInTypesOfTheContract() {
        assertThat(DeviceTypeCatalog.builtin().all()).extracting(DeviceType::id).containsExactlyInAnyOrder(
                "energy-meter", "iaq-sensor", "weather-station", "pv-inverter", "leak-sensor", "ont", "hvac-loop", "drone-pad",
                "gateway");
    }

    @Test
    void theGatewayTypeReportsItsStatus() {
        DeviceType gateway = DeviceTypeCatalog.builtin().find("gateway").orElseThrow();
        assertThat(gateway.propertyForField("online").feature()).isEqualTo("status");
        assertThat(gateway.propertyForField("online").type().type()).isEqualTo(io.parkops.model.DataType.BOOLEAN);
        assertThat(gateway.propertyForField("connectedDevices").feature()).isEqualTo("status");
        assertThat(gateway.propertyForField("connectedDevices").type().type()).isEqualTo(io.parkops.model.DataType.NUMBER);
    }

    @Test
    void builtInTypesUseTheContractsFeatureNames() {
        DeviceTypeCatalog c = DeviceTypeCatalog.builtin();
        assertThat(c.find("iaq-sensor").orElseThrow().propertyForField("co2").feature()).isEqualTo("environment");
        assertThat(c.find("energy-meter").orElseThrow().propertyForField("voltageL3").feature()).isEqualTo("energy");
        assertThat(c.find("ont").orElseThrow().propertyForField("rxPower").type().unit()).isEqualTo("dBm");
        assertThat(c.find("hvac-loop").orElseThrow().propertyForField("mode").feature()).isEqualTo("loop");
    }

    @Test
    void refusesADefinitionWithAnUnknownFieldNamingIt() {
        String json = "{\"id\":\"x\",\"version\":\"1\",\"reportingIntervalSeconds\":10,\"colour\":\"red\","
                + "\"features\":{\"f\":{\"properties\":{\"p\":{\"type\":\"number\"}}}}}";
        assertThatThrownBy(() -> DeviceTypeCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("x.json").hasMessageContaining("colour");
    }

    @Test
    void refusesAPropertyDeclaredByTwoFeatures() {
        String json = "{\"id\":\"x\",\"version\":\"1\",\"reportingIntervalSeconds\":10,\"features\":{"
                + "\"a\":{\"properties\":{\"p\":{\"type\":\"number\"}}},\"b\":{\"properties\":{\"p\":{\"type\":\"number\"}}}}}";
        assertThatThrownBy(() -> DeviceTypeCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("property 'p' is declared by both features");
    }

    @Test
    void refusesAnUnknownDataType() {
        String json = "{\"id\":\"x\",\"version\":\"1\",\"reportingIntervalSeconds\":10,"
                + "\"features\":{\"f\":{\"properties\":{\"p\":{\"type\":\"decimal\"}}}}}";
        assertThatThrownBy(() -> DeviceTypeCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("x.json").hasMessageContaining("type");
    }

    @Test
    void everyBuiltInTypeSurvivesAWriteAndReadAsTheApiServesIt() {
        for (DeviceType t : DeviceTypeCatalog.builtin().all()) {
            assertThat(DeviceTypeParser.parse(DeviceTypeParser.toJson(t), t.id(), false)).as(t.id()).isEqualTo(t);
        }
    }

    @Test
    void hvacLoopDeclaresItsSetpointCommand() {
        var cmd = DeviceTypeCatalog.builtin().find("hvac-loop").orElseThrow().command("setSetpoint");
        assertThat(cmd.feature()).isEqualTo("loop");
        assertThat(cmd.property()).isEqualTo("setpoint");
        assertThat(cmd.parameter().maximum()).isEqualTo(90.0);
    }

    @Test
    void readsYamlDefinitions() {
        String yaml = "id: y\nversion: '1'\nreportingIntervalSeconds: 5\nfeatures:\n  f:\n    properties:\n      p: {type: number}\n";
        assertThat(DeviceTypeParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "y.yaml", true).id()).isEqualTo("y");
    }

    @Test
    void refusesABinaryFieldOfAnUnknownTypeNamingFileAndField() {
        String json = "{\"id\":\"x\",\"version\":\"1\",\"reportingIntervalSeconds\":10,"
                + "\"features\":{\"f\":{\"properties\":{\"p\":{\"type\":\"number\"}}}},"
                + "\"payloads\":{\"binary\":{\"fields\":{\"p\":{\"offset\":0,\"type\":\"u64\"}}}}}";
        assertThatThrownBy(() -> DeviceTypeCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("x.json").hasMessageContaining("payloads.binary.fields.p.type")
                .hasMessageContaining("binary type 'u64' must be one of");
    }

    @Test
    void refusesAMappingToAnUndeclaredProperty() {
        String json = "{\"id\":\"x\",\"version\":\"1\",\"reportingIntervalSeconds\":10,"
                + "\"features\":{\"f\":{\"properties\":{\"p\":{\"type\":\"number\"}}}},"
                + "\"payloads\":{\"senml\":{\"q\":{\"name\":\"temp\"}}}}";
        assertThatThrownBy(() -> DeviceTypeCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("payloads.senml.q: the type declares no property 'q'");
    }
}
