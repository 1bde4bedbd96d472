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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens limited to the site nanan, route by route, against things, alerts, devices, rules, sites
 * and insights of xinshengli, over real HTTP with readings sent by mosquitto_pub: outside the
 * scope a thing answers 404 as an absent one does and lists leave it out; inside, the same calls
 * succeed; a token for one building of nanan sees only that building's things. The streams are in
 * {@link SiteScopedStreamsTest}.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SiteScopedAccessTest {

    static final String OTHER = "xinshengli:iaq-x01";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestPlatform p;
    private Path dataDir;
    private String viewer;
    private String operator;
    private String integrator;

    @BeforeAll
    void start(InfluxServer influx, @TempDir Path dir) throws Exception {
        dataDir = dir;
        p = TestPlatform.start(influx, dir, null);
        provisionXinshengli(p, "iaq-x01");
        viewer = p.newToken("nanan-fm", "viewer", "nanan");
        operator = p.newToken("nanan-crew", "operator", "nanan");
        integrator = p.newToken("nanan-integrator", "integrator", "nanan");
        // CO2 at 2600 raises the default rule's major alert at once, in both sites
        raiseCo2(p, "nanan", "iaq-0001");
        raiseCo2(p, "xinshengli", "iaq-x01");
        raiseCo2(p, "nanan", "iaq-0003"); // building b2
        Eventually.await(WAIT, () -> new JsonArray(p.get("/api/alerts?state=ACTIVE").body()).size(), n -> n >= 3,
                "an alert in each site, and in b2");
    }

    /** An iaq-sensor of xinshengli (building h1) that signs in with {@link TestPlatform#DEVICE_PASSWORD}. */
    static void provisionXinshengli(TestPlatform p, String deviceId) throws Exception {
        MqttScenarios.provision(p, "{\"tenant\":\"xinshengli\",\"deviceId\":\"" + deviceId + "\",\"type\":\"iaq-sensor\","
                + "\"attributes\":{\"building\":\"h1\",\"floor\":\"1\",\"zone\":\"hall\"},"
                + "\"credentials\":{\"password\":\"" + TestPlatform.DEVICE_PASSWORD + "\"}}");
    }

    static void raiseCo2(TestPlatform p, String tenant, String deviceId) {
        assertThat(DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), tenant, deviceId, "{\"co2\":2600}").exitCode())
                .isZero();
    }

    @AfterAll
    void stop() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void aTwinOfAnotherSiteAnswersAsAnAbsentOneDoes() throws Exception {
        assertThat(p.get("/api/2/things/nanan:iaq-0001", viewer).statusCode()).isEqualTo(200);
        assertThat(p.get("/api/2/things/" + OTHER).statusCode()).as("the admin sees it").isEqualTo(200);

        HttpResponse<String> hidden = p.get("/api/2/things/" + OTHER, viewer);
        HttpResponse<String> absent = p.get("/api/2/things/xinshengli:no-such-device", viewer);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(hidden.body()).getString("error")).isEqualTo("things:thing.notfound");
        assertThat(hidden.body().replace("iaq-x01", "no-such-device")).isEqualTo(absent.body());
        assertThat(p.get("/api/2/things/" + OTHER + "/features/environment/properties/co2", viewer).statusCode()).isEqualTo(404);
        assertThat(new JsonArray(p.get("/api/2/things?ids=nanan:iaq-0001," + OTHER, viewer).body()))
                .extracting(t -> ((JsonObject) t).getString("thingId")).containsExactly("nanan:iaq-0001");
    }

    @Test
    void searchAndCountLeaveOtherSitesOut() throws Exception {
        JsonArray items = new JsonObject(p.get("/api/2/search/things?option=size(200)", viewer).body()).getJsonArray("items");
        assertThat(items).isNotEmpty().allSatisfy(t -> assertThat(((JsonObject) t).getString("thingId")).startsWith("nanan:"));
        assertThat(p.get("/api/2/search/things/count", viewer).body())
                .isEqualTo(p.get("/api/2/search/things/count?namespaces=nanan").body());
        assertThat(p.get("/api/2/search/things/count?namespaces=xinshengli", viewer).body()).isEqualTo("0");
        assertThat(p.get("/api/2/search/things/count?namespaces=xinshengli").body()).isEqualTo("1");
    }

    @Test
    void thePlacesForThePickersNameOnlyTheTokensSites() throws Exception {
        JsonObject scoped = new JsonObject(p.get("/api/places", viewer).body());
        assertThat(scoped.getJsonArray("sites")).containsExactly("nanan");
        assertThat(scoped.getJsonArray("places")).isNotEmpty()
                .allSatisfy(place -> assertThat(((JsonObject) place).getString("site")).isEqualTo("nanan"));
        assertThat(new JsonObject(p.get("/api/places").body()).getJsonArray("sites")).contains("nanan", "xinshengli");
    }

    @Test
    void desiredValuesAreSetOnlyInScope() throws Exception {
        String desired = "/features/environment/desiredProperties/temperature";
        assertThat(p.send("PUT", "/api/2/things/" + OTHER + desired, "21", operator).statusCode()).isEqualTo(404);
        assertThat(p.get("/api/2/things/" + OTHER + desired).statusCode()).as("nothing was written").isEqualTo(404);
        assertThat(p.send("PUT", "/api/2/things/nanan:iaq-0001" + desired, "21", operator).statusCode()).isIn(201, 204);
    }

    @Test
    void alertsOfAnotherSiteAreNeitherListedNorAcknowledged() throws Exception {
        String otherAlert = alertOf(TestPlatform.ADMIN_TOKEN, OTHER);
        String ownAlert = alertOf(operator, "nanan:iaq-0001");
        JsonArray seen = new JsonArray(p.get("/api/alerts", viewer).body());
        assertThat(seen).isNotEmpty().allSatisfy(a -> assertThat(((JsonObject) a).getString("tenant")).isEqualTo("nanan"));
        assertThat(p.get("/api/alerts?tenant=xinshengli", viewer).body()).isEqualTo("[]");

        assertThat(p.get("/api/alerts/" + otherAlert, viewer).statusCode()).isEqualTo(404);
        HttpResponse<String> ack = p.send("POST", "/api/alerts/" + otherAlert + "/ack", "{\"note\":\"not ours\"}", operator);
        assertThat(ack.statusCode()).isEqualTo(404);
        assertThat(ack.body()).isEqualTo(p.send("POST", "/api/alerts/no-such-alert/ack", "{}", operator).body()
                .replace("no-such-alert", otherAlert));
        assertThat(p.send("POST", "/api/alerts/" + otherAlert + "/clear", "{}", operator).statusCode()).isEqualTo(404);
        assertThat(new JsonObject(p.get("/api/alerts/" + otherAlert).body()).getString("state")).isEqualTo("ACTIVE_UNACK");

        HttpResponse<String> own = p.send("POST", "/api/alerts/" + ownAlert + "/ack", "{\"note\":\"on it\"}", operator);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(new JsonObject(own.body()).getString("ackedBy")).isEqualTo("nanan-crew");
    }

    private String alertOf(String token, String thingId) throws Exception {
        return new JsonArray(p.get("/api/alerts", token).body()).stream().map(JsonObject.class::cast)
                .filter(a -> a.getString("thingId").equals(thingId)).findFirst().orElseThrow().getString("id");
    }

    @Test
    void insightsOfAnotherSiteAreNotFound() throws Exception {
        HttpResponse<String> other = p.get("/api/insights/energy?tenant=xinshengli", viewer);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(other.body()).getString("error")).isEqualTo("insights:site.notfound");
        assertThat(p.get("/api/insights/environment?tenant=xinshengli", viewer).statusCode()).isEqualTo(404);
        assertThat(p.get("/api/insights/energy?tenant=nanan", viewer).statusCode()).isEqualTo(200);
        assertThat(p.get("/api/insights/environment?tenant=nanan", viewer).statusCode()).isEqualTo(200);
        JsonArray portfolio = new JsonObject(p.get("/api/portfolio", viewer).body()).getJsonArray("sites");
        assertThat(portfolio.stream().map(s -> ((JsonObject) s).getString("site"))).containsExactly("nanan");
    }

    @Test
    void aScopedIntegratorProvisionsReadsAndDeletesOnlyInItsSite() throws Exception {
        assertThat(new JsonArray(p.get("/api/devices", viewer).body())).isNotEmpty()
                .allSatisfy(d -> assertThat(((JsonObject) d).getString("tenant")).isEqualTo("nanan"));
        assertThat(p.get("/api/devices/xinshengli/iaq-x01", viewer).statusCode()).isEqualTo(404);
        assertThat(p.send("DELETE", "/api/devices/xinshengli/iaq-x01", null, integrator).statusCode()).isEqualTo(404);
        assertThat(p.get("/api/devices/xinshengli/iaq-x01").statusCode()).as("still provisioned").isEqualTo(200);

        HttpResponse<String> elsewhere = p.send("POST", "/api/devices",
                "{\"tenant\":\"xinshengli\",\"deviceId\":\"ont-x9\",\"type\":\"ont\"}", integrator);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(elsewhere.body()).getString("message")).contains("sites [nanan]").contains("xinshengli");
        assertThat(p.send("POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"ont-n9\",\"type\":\"ont\"}", integrator)
                .statusCode()).isEqualTo(201);
        assertThat(p.send("DELETE", "/api/devices/nanan/ont-n9", null, integrator).statusCode()).isEqualTo(204);
    }

    @Test
    void aScopedIntegratorWritesOnlyRulesOfItsSite() throws Exception {
        String rule = "{\"id\":\"%s\",\"deviceType\":\"iaq-sensor\",%s\"feature\":\"environment\",\"property\":\"temperature\","
                + "\"operator\":\"above\",\"threshold\":35,\"severity\":\"major\",\"message\":\"hot\"}";
        HttpResponse<String> everywhere = p.send("PUT", "/api/rules/hot-all", rule.formatted("hot-all", ""), integrator);
        assertThat(everywhere.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(everywhere.body()).getString("message")).contains("every site").contains("replaces");
        assertThat(p.send("PUT", "/api/rules/hot-x", rule.formatted("hot-x", "\"tenant\":\"xinshengli\","), integrator)
                .statusCode()).isEqualTo(403);
        HttpResponse<String> own = p.send("PUT", "/api/rules/hot-n", rule.formatted("hot-n", "\"tenant\":\"nanan\","), integrator);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);

        HttpResponse<String> theirs = p.send("PUT", "/api/rules/hot-xin", rule.formatted("hot-xin", "\"tenant\":\"xinshengli\","),
                TestPlatform.ADMIN_TOKEN);
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(200);
        JsonArray visible = new JsonObject(p.get("/api/rules", integrator).body()).getJsonArray("rules");
        assertThat(visible).extracting(r -> ((JsonObject) r).getString("id")).contains("hot-n", "iaq-co2").doesNotContain("hot-xin");
        assertThat(p.get("/api/rules/hot-xin", integrator).statusCode()).isEqualTo(404);
        assertThat(p.send("DELETE", "/api/rules/hot-xin", null, integrator).statusCode()).isEqualTo(404);
        assertThat(p.send("PUT", "/api/rules/hot-xin", rule.formatted("hot-xin", "\"tenant\":\"nanan\","), integrator).statusCode())
                .isEqualTo(409);
        assertThat(p.send("DELETE", "/api/rules/iaq-co2", null, integrator).statusCode()).isEqualTo(403);
        assertThat(p.send("POST", "/api/rules/iaq-co2/backtest?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", null, integrator)
                .statusCode()).as("an estate-wide rule would read every site's history").isEqualTo(403);
        assertThat(p.send("DELETE", "/api/rules/hot-n", null, integrator).statusCode()).isEqualTo(204);
    }

    @Test
    void deviceTypesAreReadButNotChangedByAScopedToken() throws Exception {
        assertThat(p.get("/api/device-types", integrator).statusCode()).isEqualTo(200);
        HttpResponse<String> put = p.send("PUT", "/api/device-types/x-type", "{}", integrator);
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(put.body()).getString("message")).contains("every site");
    }

    @Test
    void sitesOutsideTheScopeAreNeitherListedNorWritten() throws Exception {
        assertThat(new JsonArray(p.get("/api/sites", viewer).body())).extracting(s -> ((JsonObject) s).getString("id"))
                .containsExactly("nanan");
        assertThat(p.get("/api/sites/xinshengli", viewer).statusCode()).isEqualTo(404);
        assertThat(p.send("PUT", "/api/sites/xinshengli", "{\"name\":\"X\"}", integrator).statusCode()).isEqualTo(403);
        assertThat(p.send("PUT", "/api/sites/nanan", "{\"name\":\"Nan'an Xindi\",\"areaM2\":450000}", integrator).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenCarriesItsSitesIntoTheSessionAndTheAuditLog() throws Exception {
        JsonObject session = new JsonObject(p.get("/api/session", viewer).body());
        assertThat(session.getJsonArray("sites")).containsExactly("nanan");
        assertThat(new JsonObject(p.get("/api/session").body()).containsKey("sites")).as("the admin sees every site").isFalse();
        assertThat(new JsonArray(p.get("/api/tokens").body()).stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("name").equals("nanan-fm")).findFirst().orElseThrow().getJsonArray("sites"))
                .containsExactly("nanan");

        assertThat(p.send("POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"ont-audit\",\"type\":\"ont\"}", integrator)
                .statusCode()).isEqualTo(201);
        Path log = dataDir.resolve("audit.log");
        String text = Eventually.await(WAIT, () -> Files.exists(log) ? Files.readString(log) : "",
                s -> s.contains("nanan-integrator"), "the scoped integrator's audit line");
        JsonObject entry = new JsonObject(text.lines().filter(l -> l.contains("nanan-integrator")).findFirst().orElseThrow());
        assertThat(entry.getJsonArray("sites")).containsExactly("nanan");
    }

    @Test
    void tokenSitesAreValidated() throws Exception {
        assertBadToken("{\"name\":\"t1\",\"role\":\"viewer\",\"sites\":[]}", "at least one site");
        assertBadToken("{\"name\":\"t2\",\"role\":\"viewer\",\"sites\":[\"Nanan\"]}", "'Nanan' is not a site id");
        assertBadToken("{\"name\":\"t3\",\"role\":\"viewer\",\"sites\":\"nanan\"}", "array of site ids");
        assertBadToken("{\"name\":\"t4\",\"role\":\"viewer\",\"site\":[\"nanan\"]}", "unknown field 'site'");
        assertBadToken("{\"name\":\"t5\",\"role\":\"viewer\",\"buildings\":[\"b1\"]}", "'buildings' needs 'sites'");
        assertBadToken("{\"name\":\"t6\",\"role\":\"viewer\",\"sites\":[\"nanan\",\"xinshengli\"],\"buildings\":[\"b1\"]}",
                "exactly one site");
        assertBadToken("{\"name\":\"t7\",\"role\":\"viewer\",\"sites\":[\"nanan\"],\"buildings\":[]}", "at least one building");
        assertBadToken("{\"name\":\"t8\",\"role\":\"viewer\",\"sites\":[\"nanan\",\"nanna\"]}",
                "'nanna' is not a site here: declare it first with PUT /api/sites/nanna");
        assertThat(p.get("/api/tokens").body()).as("no refused token kept").doesNotContain("\"t8\"");
    }

    /** A facility manager moves to the other park: the token's sites change, its secret stays. */
    @Test
    void aTokensSitesAreChangedInPlaceKeepingItsSecret() throws Exception {
        String mover = p.newToken("moving-fm", "viewer", "nanan");
        assertThat(p.get("/api/2/things/nanan:iaq-0001", mover).statusCode()).isEqualTo(200);
        assertThat(p.get("/api/2/things/" + OTHER, mover).statusCode()).isEqualTo(404);

        HttpResponse<String> changed = p.send("PUT", "/api/tokens/moving-fm", "{\"role\":\"viewer\",\"sites\":[\"xinshengli\"]}", TestPlatform.ADMIN_TOKEN);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(new JsonObject(changed.body()).getJsonArray("sites")).containsExactly("xinshengli");
        assertThat(new JsonObject(changed.body()).containsKey("token")).as("the secret is not shown again").isFalse();
        assertThat(p.get("/api/2/things/" + OTHER, mover).statusCode()).as("the same secret, the new site").isEqualTo(200);
        assertThat(p.get("/api/2/things/nanan:iaq-0001", mover).statusCode()).as("the old site is gone").isEqualTo(404);

        assertThat(p.send("PUT", "/api/tokens/no-such-token", "{\"role\":\"viewer\"}", TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(p.send("PUT", "/api/tokens/moving-fm", "{\"role\":\"viewer\",\"sites\":[\"nanna\"]}", TestPlatform.ADMIN_TOKEN).statusCode())
                .as("an unknown site").isEqualTo(400);
        assertThat(p.send("PUT", "/api/tokens/moving-fm", "{\"name\":\"other\",\"role\":\"viewer\"}", TestPlatform.ADMIN_TOKEN).statusCode())
                .as("no rename").isEqualTo(400);
        HttpResponse<String> notJson = p.send("PUT", "/api/tokens/moving-fm", "{\"role\":", TestPlatform.ADMIN_TOKEN);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(notJson.body()).getString("error")).isEqualTo("auth:body.invalid");
        HttpResponse<String> noRole = p.send("PUT", "/api/tokens/moving-fm", "{\"sites\":[\"nanan\"]}", TestPlatform.ADMIN_TOKEN);
        assertThat(noRole.statusCode()).as(noRole.body()).isEqualTo(400);
        assertThat(new JsonObject(noRole.body()).getString("error")).isEqualTo("auth:field.invalid");
        assertThat(p.get("/api/2/things/" + OTHER, mover).statusCode()).as("refused changes changed nothing").isEqualTo(200);
    }

    /** An admin of one site manages that site's tokens only: the others answer as absent ones do. */
    @Test
    void anAdminOfOneSiteManagesOnlyTokensWithinIt() throws Exception {
        String siteAdmin = p.newToken("nanan-admin", "admin", "nanan");
        p.newToken("xin-fm", "viewer", "xinshengli");
        String names = p.get("/api/tokens", siteAdmin).body();
        assertThat(names).contains("\"nanan-fm\"").doesNotContain("\"xin-fm\"");
        assertThat(p.send("PUT", "/api/tokens/xin-fm", "{\"role\":\"viewer\",\"sites\":[\"nanan\"]}", siteAdmin).statusCode())
                .as("not taken over").isEqualTo(404);
        assertThat(p.send("DELETE", "/api/tokens/xin-fm", null, siteAdmin).statusCode()).isEqualTo(404);
        assertThat(p.get("/api/tokens").body()).as("still there, unchanged").contains("\"xin-fm\"");
        assertThat(p.send("PUT", "/api/tokens/nanan-fm", "{\"role\":\"viewer\",\"sites\":[\"nanan\"]}", siteAdmin).statusCode())
                .as("its own site's token").isEqualTo(200);
    }

    /** A tenant renting building b2 of nanan: iaq-0003 is there, iaq-0001 and iaq-0002 are in b1. */
    @Test
    void aTokenForOneBuildingSeesOnlyThatBuilding() throws Exception {
        String b2 = scopedToBuilding("b2-tenant", "viewer");
        assertThat(p.get("/api/2/things/nanan:iaq-0003", b2).statusCode()).isEqualTo(200);
        HttpResponse<String> b1Thing = p.get("/api/2/things/nanan:iaq-0001", b2);
        assertThat(b1Thing.statusCode()).isEqualTo(404);
        assertThat(b1Thing.body().replace("iaq-0001", "no-such-device"))
                .isEqualTo(p.get("/api/2/things/nanan:no-such-device", b2).body());
        JsonArray items = new JsonObject(p.get("/api/2/search/things", b2).body()).getJsonArray("items");
        assertThat(items).extracting(t -> ((JsonObject) t).getString("thingId")).contains("nanan:iaq-0003");
        assertThat(items).allSatisfy(t -> assertThat(((JsonObject) t).getJsonObject("attributes").getString("building")).isEqualTo("b2"));
        assertThat(p.get("/api/2/search/things/count", b2).body()).isEqualTo(String.valueOf(items.size()));
        assertThat(new JsonArray(p.get("/api/2/things?ids=nanan:iaq-0001,nanan:iaq-0003", b2).body()))
                .extracting(t -> ((JsonObject) t).getString("thingId")).containsExactly("nanan:iaq-0003");

        assertThat(new JsonArray(p.get("/api/alerts", b2).body())).isNotEmpty()
                .allSatisfy(a -> assertThat(((JsonObject) a).getString("thingId")).isEqualTo("nanan:iaq-0003"));
        assertThat(p.get("/api/alerts/" + alertOf(TestPlatform.ADMIN_TOKEN, "nanan:iaq-0001"), b2).statusCode()).isEqualTo(404);
        JsonArray devices = new JsonArray(p.get("/api/devices", b2).body());
        assertThat(devices).extracting(d -> ((JsonObject) d).getString("deviceId")).contains("iaq-0003");
        assertThat(devices).allSatisfy(d -> assertThat(((JsonObject) d).getJsonObject("attributes").getString("building"))
                .isEqualTo("b2"));
        assertThat(p.get("/api/devices/nanan/iaq-0001", b2).statusCode()).isEqualTo(404);

        assertThat(p.get("/api/insights/energy?tenant=nanan", b2).statusCode()).as("the whole site").isEqualTo(404);
        assertThat(p.get("/api/insights/environment?tenant=nanan", b2).statusCode()).isEqualTo(404);
        assertThat(p.get("/api/insights/environment?tenant=nanan&building=b1", b2).statusCode()).isEqualTo(404);
        assertThat(p.get("/api/insights/environment?tenant=nanan&building=b2", b2).statusCode()).isEqualTo(200);
        assertThat(new JsonArray(p.get("/api/sites", b2).body())).extracting(s -> ((JsonObject) s).getString("id"))
                .containsExactly("nanan");
        assertThat(new JsonObject(p.get("/api/session", b2).body()).getJsonArray("buildings")).containsExactly("b2");
    }

    @Test
    void anIntegratorForOneBuildingProvisionsAndWritesRulesOnlyThere() throws Exception {
        String b2 = scopedToBuilding("b2-integrator", "integrator");
        HttpResponse<String> b1 = p.send("POST", "/api/devices",
                "{\"tenant\":\"nanan\",\"deviceId\":\"ont-b1\",\"type\":\"ont\",\"attributes\":{\"building\":\"b1\"}}", b2);
        assertThat(b1.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(b1.body()).getString("description")).isEqualTo("field: attributes.building");
        assertThat(p.send("POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"ont-none\",\"type\":\"ont\"}", b2)
                .statusCode()).as("a device in no building").isEqualTo(403);
        assertThat(p.send("POST", "/api/devices",
                "{\"tenant\":\"nanan\",\"deviceId\":\"ont-b2\",\"type\":\"ont\",\"attributes\":{\"building\":\"b2\"}}", b2)
                .statusCode()).isEqualTo(201);

        String rule = "{\"id\":\"%s\",\"deviceType\":\"iaq-sensor\",\"tenant\":\"nanan\",%s\"feature\":\"environment\","
                + "\"property\":\"temperature\",\"operator\":\"above\",\"threshold\":35,\"severity\":\"major\",\"message\":\"hot\"}";
        HttpResponse<String> siteWide = p.send("PUT", "/api/rules/hot-site", rule.formatted("hot-site", ""), b2);
        assertThat(siteWide.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(siteWide.body()).getString("message")).contains("\"building\": \"b2\"");
        HttpResponse<String> own = p.send("PUT", "/api/rules/hot-b2",
                rule.formatted("hot-b2", "\"attributes\":{\"building\":\"b2\"},"), b2);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(p.send("PUT", "/api/sites/nanan", "{\"name\":\"Nan'an\"}", b2).statusCode()).as("the site as a whole")
                .isEqualTo(403);
        assertThat(p.send("DELETE", "/api/rules/hot-b2", null, b2).statusCode()).isEqualTo(204);
    }

    private String scopedToBuilding(String name, String role) throws Exception {
        HttpResponse<String> r = p.post("/api/tokens", new JsonObject().put("name", name).put("role", role)
                .put("sites", new JsonArray().add("nanan")).put("buildings", new JsonArray().add("b2")).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("token");
    }

    private void assertBadToken(String body, String message) throws Exception {
        HttpResponse<String> r = p.post("/api/tokens", body);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("message")).contains(message);
    }
}
