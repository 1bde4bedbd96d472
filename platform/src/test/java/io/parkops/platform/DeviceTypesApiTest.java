package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/device-types}: list, read, replace, refuse, delete, and the WoT Thing Model. */
@ExtendWith(RealServices.class)
@Timeout(60)
class DeviceTypesApiTest {

    static final String PEOPLE_COUNTER = """
            {"id": "people-counter", "version": "1.0.0", "description": "Door people counter",
             "reportingIntervalSeconds": 60,
             "features": {"occupancy": {"properties": {
               "count": {"type": "number", "minimum": 0, "maximum": 5000, "description": "People inside"}}}}}
            """;

    private static TestPlatform p;

    @BeforeAll
    static void start(InfluxServer influx) throws Exception {
        p = TestPlatform.start(influx, Files.createTempDirectory("types-api"), null);
    }

    @AfterAll
    static void stop() throws Exception {
        p.close();
    }

    @Test
    void listsTheNineBuiltInTypes() throws Exception {
        JsonArray types = new JsonObject(p.get("/api/device-types").body()).getJsonArray("types");
        assertThat(types.stream().map(t -> ((JsonObject) t).getString("id"))).contains(
                "energy-meter", "iaq-sensor", "weather-station", "pv-inverter", "leak-sensor", "ont", "hvac-loop", "drone-pad",
                "gateway");
    }

    @Test
    void putCreatesATypeThatIsServedAndStoredAsAFile() throws Exception {
        HttpResponse<String> r = TypesHttp.put(p, "/api/device-types/people-counter", "application/json", PEOPLE_COUNTER);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        JsonObject type = new JsonObject(p.get("/api/device-types/people-counter").body());
        assertThat(type.getJsonObject("features").getJsonObject("occupancy").getJsonObject("properties").containsKey("count")).isTrue();
        assertThat(p.platform.config().dataDir().resolve("device-types/people-counter.json")).exists();
    }

    @Test
    void putAcceptsYaml() throws Exception {
        String yaml = """
                version: "2"
                reportingIntervalSeconds: 300
                features:
                  soil:
                    properties:
                      moisture: {type: number, unit: "%", minimum: 0, maximum: 100}
                """;
        HttpResponse<String> r = TypesHttp.put(p, "/api/device-types/soil-probe", "application/yaml", yaml);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        assertThat(new JsonObject(p.get("/api/device-types/soil-probe").body()).getString("version")).isEqualTo("2");
    }

    @Test
    void refusesAnInvalidDefinitionNamingTheFieldAndKeepsThePreviousVersion() throws Exception {
        TypesHttp.put(p, "/api/device-types/gauge", "application/json", PEOPLE_COUNTER.replace("people-counter", "gauge"));
        HttpResponse<String> r = TypesHttp.put(p, "/api/device-types/gauge", "application/json",
                PEOPLE_COUNTER.replace("people-counter", "gauge").replace("\"minimum\": 0", "\"minimum\": 9000"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("message")).contains("PUT /api/device-types/gauge")
                .contains("minimum 9000.0 is above maximum 5000.0");
        assertThat(p.get("/api/device-types/gauge").body()).contains("\"minimum\" : 0");
    }

    @Test
    void refusesACommandOnAnUndeclaredProperty() throws Exception {
        String bad = PEOPLE_COUNTER.replace("people-counter", "bad-cmd").replace("\"reportingIntervalSeconds\": 60,",
                "\"reportingIntervalSeconds\": 60, \"commands\": [{\"name\": \"reset\", \"feature\": \"occupancy\", \"property\": \"total\","
                        + " \"parameter\": {\"type\": \"number\"}}],");
        HttpResponse<String> r = TypesHttp.put(p, "/api/device-types/bad-cmd", "application/json", bad);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("commands.reset: sets 'occupancy.total', which the type does not declare");
    }

    @Test
    void deletingATypeInUseIsRefusedWithTheDevices() throws Exception {
        HttpResponse<String> r = TypesHttp.delete(p, "/api/device-types/iaq-sensor");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(r.body()).getJsonArray("devices")).contains("nanan:iaq-0001", "nanan:iaq-0002", "nanan:iaq-0003");
    }

    @Test
    void deletesAnUnusedTypeAndItsFile() throws Exception {
        TypesHttp.put(p, "/api/device-types/temp-thing", "application/json", PEOPLE_COUNTER.replace("people-counter", "temp-thing"));
        assertThat(TypesHttp.delete(p, "/api/device-types/temp-thing").statusCode()).isEqualTo(204);
        assertThat(p.get("/api/device-types/temp-thing").statusCode()).isEqualTo(404);
        Path file = p.platform.config().dataDir().resolve("device-types/temp-thing.json");
        assertThat(file).doesNotExist();
    }

    @Test
    void builtInTypesCannotBeDeleted() throws Exception {
        assertThat(TypesHttp.delete(p, "/api/device-types/drone-pad").statusCode()).isEqualTo(409);
    }

    @Test
    void servesAWotThingModelWithPropertiesAndActions() throws Exception {
        HttpResponse<String> r = p.get("/api/device-types/hvac-loop/thing-model");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject tm = new JsonObject(r.body());
        assertThat(tm.getString("@type")).isEqualTo("tm:ThingModel");
        assertThat(tm.getJsonArray("@context").getString(0)).isEqualTo("https://www.w3.org/2022/wot/td/v1.1");
        JsonObject setpoint = tm.getJsonObject("properties").getJsonObject("setpoint");
        assertThat(setpoint.getString("type")).isEqualTo("number");
        assertThat(setpoint.getString("unit")).isEqualTo("°C");
        assertThat(setpoint.getDouble("minimum")).isEqualTo(5.0);
        assertThat(setpoint.getDouble("maximum")).isEqualTo(90.0);
        assertThat(tm.getJsonObject("properties").getJsonObject("mode").getJsonArray("enum")).containsExactly("auto", "manual", "off");
        JsonObject action = tm.getJsonObject("actions").getJsonObject("setSetpoint");
        assertThat(action.getJsonObject("input").getDouble("maximum")).isEqualTo(90.0);
        assertThat(tm.getJsonObject("version").getString("model")).isEqualTo("1.0.0");
    }

    @Test
    void unknownTypeIs404() throws Exception {
        HttpResponse<String> r = p.get("/api/device-types/nope/thing-model");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no device type 'nope'");
    }
}
