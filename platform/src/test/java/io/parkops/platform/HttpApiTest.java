package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Provisioning, the twin read API, readiness and metrics over real HTTP. */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class HttpApiTest {

    private TestPlatform p;

    @BeforeAll
    void startPlatform(InfluxServer influx, @TempDir Path dir) throws Exception {
        p = TestPlatform.start(influx, dir, null);
    }

    @AfterAll
    void stopPlatform() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void provisioningCreatesTheDeviceAndItsTwin() throws Exception {
        HttpResponse<String> r = p.post("/api/devices", """
                {"tenant":"north-park","deviceId":"ont-0042","type":"ont","attributes":{"building":"t2","floor":7,"zone":"desk-12"},
                 "credentials":{"password":"s3cret"}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("location")).hasValue("/api/devices/north-park/ont-0042");
        assertThat(new JsonObject(r.body()).getString("thingId")).isEqualTo("north.park:ont-0042");

        JsonObject twin = new JsonObject(Eventually.await(Duration.ofSeconds(5),
                () -> p.get("/api/2/things/north.park:ont-0042"), g -> g.statusCode() == 200, "the twin").body());
        assertThat(twin.getString("definition")).isEqualTo("io.parkops:ont:1.0.0");
        assertThat(twin.getJsonObject("attributes").getString("floor")).isEqualTo("7");
        assertThat(twin.getJsonObject("features").containsKey("optical")).isTrue();

        assertThat(p.get("/api/devices/north-park/ont-0042").statusCode()).isEqualTo(200);
        var list = new io.vertx.core.json.JsonArray(p.get("/api/devices?tenant=north-park").body());
        assertThat(list).hasSize(1);
        assertThat(list.getJsonObject(0).getJsonObject("credentials").getBoolean("password")).isTrue();
        assertThat(list.encode()).doesNotContain("s3cret");
    }

    @Test
    void provisioningTheSameDeviceTwiceIsAConflict() throws Exception {
        String body = "{\"tenant\":\"nanan\",\"deviceId\":\"leak-0007\",\"type\":\"leak-sensor\"}";
        assertThat(p.post("/api/devices", body).statusCode()).isEqualTo(201);
        HttpResponse<String> again = p.post("/api/devices", body);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(again.body()).getString("error")).isEqualTo("devices:device.exists");
    }

    @Test
    void aBadProvisioningRequestNamesTheField() throws Exception {
        assertBadRequest("{\"tenant\":\"Nanan\",\"deviceId\":\"x\",\"type\":\"ont\"}", "tenant");
        assertBadRequest("{\"tenant\":\"nanan\",\"deviceId\":\"-x\",\"type\":\"ont\"}", "deviceId");
        assertBadRequest("{\"tenant\":\"nanan\",\"deviceId\":\"x\",\"type\":\"toaster\"}", "type");
        assertBadRequest("{\"tenant\":\"nanan\",\"deviceId\":\"x\",\"type\":\"ont\",\"attributes\":{\"a\":{}}}", "attributes.a");
        assertBadRequest("{\"tenant\":\"nanan\",\"deviceId\":\"x\",\"type\":\"ont\",\"colour\":\"red\"}", "colour");
        assertBadRequest("{\"tenant\":\"nanan\",\"deviceId\":\"x\",\"type\":\"ont\",\"credentials\":{\"passwordHash\":\"$2b$10$abc\"}}",
                "credentials.passwordHash must be a bcrypt hash of 60 characters");
        String hash = "$2b$10$" + "a".repeat(53);
        assertBadRequest("{\"tenant\":\"nanan\",\"deviceId\":\"x\",\"type\":\"ont\",\"credentials\":{\"passwordHash\":\""
                + hash.replace("$10$", "$31$") + "\"}}", "credentials.passwordHash has cost 31; ParkOps accepts 4 to 12");
        assertBadRequest("{\"tenant\":\"nanan\",\"deviceId\":\"x\",\"type\":\"ont\",\"credentials\":{\"password\":\"pw\",\"passwordHash\":\""
                + hash + "\"}}", "credentials.passwordHash cannot be given together with credentials.password");
        HttpResponse<String> notJson = p.post("/api/devices", "{tenant");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");
    }

    @Test
    void unknownThingsAndPathsAnswerDittoErrors() throws Exception {
        HttpResponse<String> thing = p.get("/api/2/things/nanan:nothing-here");
        assertThat(thing.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(thing.body()).getString("error")).isEqualTo("things:thing.notfound");
        HttpResponse<String> property = p.get("/api/2/things/nanan:iaq-0001/features/environment/properties/noise");
        assertThat(property.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(property.body()).getString("error")).isEqualTo("things:feature.property.notfound");
        HttpResponse<String> badId = p.get("/api/2/things/no-namespace");
        assertThat(badId.statusCode()).isEqualTo(400);
    }

    @Test
    void attributesAreServedAtTheirDittoPath() throws Exception {
        HttpResponse<String> r = p.get("/api/2/things/nanan:iaq-0001/attributes/zone");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"3-east\"");
    }

    @Test
    void readinessNamesEachComponent() throws Exception {
        HttpResponse<String> r = Eventually.await(Duration.ofSeconds(10), () -> p.get("/ready"), g -> g.statusCode() == 200, "ready");
        assertThat(r.body()).contains("\"mqtt\"").contains("\"coap\"").contains("\"influxdb\"");
        assertThat(p.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreInPrometheusFormat() throws Exception {
        DeviceClients.coapsPostAs(p.platform.coapsPort(), "nanan", "iaq-0002", "{\"co2\":600}");
        HttpResponse<String> r = Eventually.await(Duration.ofSeconds(10), () -> p.get("/metrics"),
                g -> g.body().contains("parkops_messages_total{result=\"accepted\",tenant=\"nanan\",transport=\"coap\"}")
                        && java.util.regex.Pattern.compile("parkops_rules_evaluation_seconds_count\\{trigger=\"change\"} [1-9]")
                        .matcher(g.body()).find(), "the counters (rules evaluate the change on their own)");
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(c -> assertThat(c).startsWith("text/plain"));
        assertThat(r.body()).contains("jvm_memory_used_bytes").contains("parkops_influx_queue_depth");
        assertThat(r.body()).contains("vertx_eventbus_processed_total").contains("vertx_http_server_active_connections");
        assertThat(r.body()).containsPattern("parkops_broker_connections [1-9]");
        assertThat(r.body()).containsPattern("parkops_rules_evaluation_seconds_count\\{trigger=\"change\"} [1-9]");
        assertThat(r.body()).contains("parkops_alerts{severity=\"warning\",state=\"ACTIVE_UNACK\"}");
    }

    @Test
    void theBannerNamesTheDashboardFirstAndItServesThePage() throws Exception {
        String banner = Banner.whereToLook(p.platform, true);
        String firstUrl = banner.substring(banner.indexOf("http")).split("\\s")[0];
        assertThat(firstUrl).isEqualTo(p.http("/").toString());
        HttpResponse<String> page = p.get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>ParkOps</title>");

        String estate = Banner.whereToLook(p.platform, true, true);
        assertThat(estate.substring(estate.indexOf("http")).split("\\s")[0]).isEqualTo(firstUrl);
        assertThat(estate).contains("20 parks").contains("portfolio");
    }

    private void assertBadRequest(String body, String field) throws Exception {
        HttpResponse<String> r = p.post("/api/devices", body);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("message")).as(body).startsWith(field);
    }
}
