package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly energy report, from points in the real InfluxDB: October 2026 of nanan in the site's
 * own time zone (Asia/Shanghai, from 2026-09-30T16:00Z to 2026-10-31T16:00Z), so readings just
 * outside it in Shanghai but inside it in UTC count for the neighbouring months.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class EnergyReportTest {

    private TestPlatform p;
    private InfluxServer influx;

    @BeforeAll
    void start(InfluxServer server, @TempDir Path dir) throws Exception {
        influx = server;
        p = TestPlatform.start(server, dir, null);
        // the bootstrap describes nanan (450,000 m², b1 62,000 m², b2 58,000 m², Asia/Shanghai); add its grid factor
        HttpResponse<String> put = p.send("PUT", "/api/sites/nanan", "{\"name\":\"Nan'an Xindi\",\"areaM2\":450000,"
                + "\"timeZone\":\"Asia/Shanghai\",\"gridEmissionFactor\":0.5,\"buildings\":[{\"id\":\"b1\",\"name\":\"Tower 1\","
                + "\"areaM2\":62000},{\"id\":\"b2\",\"name\":\"Tower 2\",\"areaM2\":58000}]}", TestPlatform.ADMIN_TOKEN);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        meter("em-1", "b1", "2026-09-30T15:00:00Z", 0, 10);      // 23:00 on 30 September in Shanghai: not October
        meter("em-1", "b1", "2026-10-10T02:00:00Z", 1000, 50);
        meter("em-1", "b1", "2026-10-10T02:05:00Z", 1010, 50);
        meter("em-1", "b1", "2026-10-20T02:00:00Z", 1250, 30);
        meter("em-1", "b1", "2026-10-31T17:00:00Z", 5000, 10);   // 01:00 on 1 November in Shanghai: not October
        meter("em-2", "b2", "2026-10-10T02:00:00Z", 300, 20);
        meter("em-2", "b2", "2026-10-15T02:00:00Z", 400, 10);
        inverter("pv-1", "b1", "2026-10-10T02:00:00Z", 100, 80);
        inverter("pv-1", "b1", "2026-10-20T02:00:00Z", 160, 0);
    }

    @AfterAll
    void stop() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void aMonthPerBuildingAndForTheSiteInTheSitesTimeZone() throws Exception {
        JsonObject report = new JsonObject(p.get("/api/reports/energy?site=nanan&month=2026-10").body());
        assertThat(report.getString("from")).isEqualTo("2026-09-30T16:00:00Z");
        assertThat(report.getString("to")).isEqualTo("2026-10-31T16:00:00Z");
        JsonArray buildings = report.getJsonArray("buildings");
        JsonObject b1 = buildings.getJsonObject(0);
        assertThat(b1.getString("building")).isEqualTo("b1");
        assertThat(b1.getString("name")).isEqualTo("Tower 1");
        assertThat(b1.getDouble("kWh")).as("1250 - 1000: the readings outside October in Shanghai left out").isEqualTo(250.0);
        assertThat(b1.getDouble("kWhPerM2")).isEqualTo(0.004);                  // 250 / 62,000
        assertThat(b1.getDouble("peakKw")).isEqualTo(50.0);
        assertThat(b1.getDouble("pvKwh")).isEqualTo(60.0);
        assertThat(b1.getDouble("pvSelfConsumptionShare")).isEqualTo(0.625);   // 50 of 80 kW used when the sun was out
        assertThat(b1.getDouble("kgCO2e")).isEqualTo(125.0);
        assertThat(buildings.getJsonObject(1).getDouble("kWh")).isEqualTo(100.0);

        JsonObject site = report.getJsonObject("total");
        assertThat(site.getDouble("kWh")).isEqualTo(350.0);
        assertThat(site.getDouble("peakKw")).as("both buildings in the same 15 minutes").isEqualTo(70.0);
        assertThat(site.getDouble("pvSelfConsumptionShare")).isEqualTo(0.875);
        assertThat(site.getDouble("kgCO2e")).isEqualTo(175.0);
        assertThat(site.getDouble("kWhPerM2")).isEqualTo(0.0008);               // 350 / 450,000
    }

    @Test
    void csvWhenAskedForIt() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(p.http("/api/reports/energy?site=nanan&month=2026-10"))
                .header("Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN).header("Accept", "text/csv")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(r.body().split("\r\n")).containsExactly(
                "site,month,building,name,areaM2,kWh,kWhPerM2,peakKw,pvKwh,pvSelfConsumptionShare,kgCO2e",
                "nanan,2026-10,b1,Tower 1,62000,250,0.004,50,60,0.625,125",
                "nanan,2026-10,b2,Tower 2,58000,100,0.0017,20,0,,50",
                "nanan,2026-10,(site),Nan'an Xindi,450000,350,0.0008,70,60,0.875,175");
    }

    @Test
    void badMonthsAndSitesOutsideTheScopeAreRefused() throws Exception {
        HttpResponse<String> month = p.get("/api/reports/energy?site=nanan&month=2026-13");
        assertThat(month.statusCode()).isEqualTo(400);
        assertThat(month.body()).contains("reports:month.invalid", "YYYY-MM");
        assertThat(p.get("/api/reports/energy?month=2026-10").body()).contains("reports:site.invalid");
        HttpResponse<String> made = p.post("/api/tokens", new JsonObject().put("name", "xsl-fm").put("role", "viewer")
                .put("sites", new JsonArray().add("xinshengli")).encode());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String other = new JsonObject(made.body()).getString("token");
        HttpResponse<String> hidden = p.get("/api/reports/energy?site=nanan&month=2026-10", other);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).contains("reports:site.notfound");
        assertThat(p.get("/api/reports/energy?site=xinshengli&month=2026-10", other).statusCode()).isEqualTo(200);
    }

    private void meter(String id, String building, String time, double kwh, double kw) {
        write(Point.measurement("energy").tag("tenant", "nanan").tag("building", building).tag("thing", "nanan:" + id)
                .addField("activePower", kw).addField("activeEnergyImport", kwh)
                .time(Instant.parse(time).toEpochMilli(), TimeUnit.MILLISECONDS).build());
    }

    private void inverter(String id, String building, String time, double totalKwh, double kw) {
        write(Point.measurement("pv").tag("tenant", "nanan").tag("building", building).tag("thing", "nanan:" + id)
                .addField("acPower", kw).addField("totalYield", totalKwh)
                .time(Instant.parse(time).toEpochMilli(), TimeUnit.MILLISECONDS).build());
    }

    private void write(Point point) {
        influx.client().write(p.influxDb, "", point);
    }
}
