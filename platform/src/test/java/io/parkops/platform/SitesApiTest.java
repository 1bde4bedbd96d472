package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/sites} over real HTTP: the bootstrap file's sites, create and replace, precise refusals, roles, a restart. */
@ExtendWith(RealServices.class)
@Timeout(120)
class SitesApiTest {

    private static final String NORTH = """
            {"name": "North Park", "areaM2": 120000.5, "timeZone": "Europe/Berlin", "address": "1 Ring Road",
             "gridEmissionFactor": 0.38, "buildings": [{"id": "t1", "name": "Tower 1", "areaM2": 30000}, {"id": "t2"}]}""";

    @Test
    void sitesAreCreatedReplacedValidatedAndKeptAcrossARestart(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            JsonArray bootstrapped = new JsonArray(p.get("/api/sites").body());
            assertThat(bootstrapped).extracting(s -> ((JsonObject) s).getString("id")).containsExactly("nanan", "xinshengli");
            JsonObject nanan = new JsonObject(p.get("/api/sites/nanan").body());
            assertThat(nanan.getString("name")).isEqualTo("Nan'an Xindi");
            assertThat(nanan.getDouble("areaM2")).isEqualTo(450000.0);
            assertThat(nanan.getString("timeZone")).isEqualTo("Asia/Shanghai");
            assertThat(nanan.getJsonArray("buildings")).hasSize(2);

            HttpResponse<String> created = p.send("PUT", "/api/sites/north-park", NORTH, TestPlatform.ADMIN_TOKEN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("location")).contains("/api/sites/north-park");
            JsonObject north = new JsonObject(created.body());
            assertThat(north.getString("id")).isEqualTo("north-park");
            assertThat(north.getDouble("gridEmissionFactor")).isEqualTo(0.38);
            assertThat(north.getJsonArray("buildings").getJsonObject(1).getString("name")).as("a building's name defaults to its id")
                    .isEqualTo("t2");

            String renamed = "{\"name\":\"Nan'an Xindi (phase 2)\",\"areaM2\":470000,\"timeZone\":\"Asia/Shanghai\"}";
            assertThat(p.send("PUT", "/api/sites/nanan", renamed, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(200);
            assertThat(new JsonObject(p.get("/api/sites/nanan").body()).getJsonArray("buildings")).as("PUT replaces").isEmpty();
            assertThat(p.get("/api/sites/south-park").statusCode()).isEqualTo(404);

            Path log = dataDir.resolve("audit.log");
            Eventually.await(Duration.ofSeconds(10), () -> Files.exists(log) ? Files.readString(log) : "",
                    s -> s.contains("\"path\":\"/api/sites/north-park\"") && s.contains("\"status\":201"), "the audit line of the PUT");
        }
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            assertThat(new JsonArray(p.get("/api/sites").body())).extracting(s -> ((JsonObject) s).getString("id"))
                    .containsExactly("nanan", "north-park", "xinshengli");
            assertThat(new JsonObject(p.get("/api/sites/north-park").body()).getString("timeZone")).isEqualTo("Europe/Berlin");
            assertThat(new JsonObject(p.get("/api/sites/nanan").body()).getString("name"))
                    .as("the API's edit wins over the bootstrap file, which only seeds").isEqualTo("Nan'an Xindi (phase 2)");
            assertThat(p.send("DELETE", "/api/sites/north-park", null, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(204);
            assertThat(p.get("/api/sites/north-park").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void badSitesAreRefusedWithTheFieldAndOnlyIntegratorsWrite(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            assertRefused(p, "north-park", "{\"name\":\"N\",\"area\":5}", "unknown field 'area'");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"areaM2\":-1}", "field 'areaM2' must be at least 0");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"areaM2\":\"big\"}", "field 'areaM2' must be a number");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"timeZone\":\"Asia/Shangai\"}",
                    "field 'timeZone' must be an IANA time zone such as Asia/Shanghai, got 'Asia/Shangai'");
            assertRefused(p, "north-park", "{\"areaM2\":1}", "field 'name' is required");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"id\":\"south-park\"}", "the path names site 'north-park'");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"gridEmissionFactor\":-0.1}", "field 'gridEmissionFactor' must be at least 0");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"buildings\":[{\"id\":\"t1\",\"areaM2\":-5}]}",
                    "field 'buildings[0].areaM2' must be at least 0");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"buildings\":[{\"id\":\"t1\",\"floors\":3}]}",
                    "unknown field 'buildings[0].floors'");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"buildings\":[{\"name\":\"no id\"}]}", "field 'buildings[0].id' is required");
            assertRefused(p, "north-park", "{\"name\":\"N\",\"buildings\":[{\"id\":\"t1\"},{\"id\":\"t1\"}]}", "building 't1' twice");
            assertRefused(p, "North_Park", "{\"name\":\"N\"}", "site id 'North_Park' must match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*");
            HttpResponse<String> notJson = p.send("PUT", "/api/sites/north-park", "{name", TestPlatform.ADMIN_TOKEN);
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(notJson.body()).getString("error")).isEqualTo("sites:body.invalid");
            assertThat(p.get("/api/sites/north-park").statusCode()).as("nothing stored").isEqualTo(404);

            String viewer = p.newToken("fm", "viewer");
            String operator = p.newToken("crew", "operator");
            String integrator = p.newToken("integrator", "integrator");
            assertThat(p.get("/api/sites", viewer).statusCode()).isEqualTo(200);
            assertThat(p.send("PUT", "/api/sites/north-park", NORTH, viewer).statusCode()).isEqualTo(403);
            assertThat(p.send("PUT", "/api/sites/north-park", NORTH, operator).statusCode()).isEqualTo(403);
            assertThat(p.send("PUT", "/api/sites/north-park", NORTH, integrator).statusCode()).isEqualTo(201);
        }
    }

    private static void assertRefused(TestPlatform p, String id, String body, String message) throws Exception {
        HttpResponse<String> r = p.send("PUT", "/api/sites/" + id, body, TestPlatform.ADMIN_TOKEN);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        JsonObject error = new JsonObject(r.body());
        assertThat(error.getString("error")).isEqualTo("sites:field.invalid");
        assertThat(error.getString("message")).as(body).contains(message);
    }
}
