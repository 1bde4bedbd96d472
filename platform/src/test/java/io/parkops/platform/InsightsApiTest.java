package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's energy and environment views, computed from points in the real InfluxDB. */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(150) // the set-up may wait out the first minute after midnight in Shanghai
class InsightsApiTest {

    private TestPlatform p;
    private InfluxServer influx;

    @BeforeAll
    void start(InfluxServer server, @TempDir Path dir) throws Exception {
        influx = server;
        p = TestPlatform.start(server, dir, null);
        // the readings below go back a minute: all of them on today in nanan's time zone (Asia/Shanghai)
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        long sinceMidnight = Duration.between(LocalDate.now(shanghai).atStartOfDay(shanghai).toInstant(), Instant.now()).toMillis();
        if (sinceMidnight < 65_000) {
            Thread.sleep(65_000 - sinceMidnight);
        }
        long now = System.currentTimeMillis();
        meter("em-1", "b1", now - 60_000, 10, 100);
        meter("em-1", "b1", now - 30_000, 12, 130);
        meter("em-2", "b1", now - 60_000, 15, 200);
        meter("em-2", "b1", now - 30_000, 13, 205);
        meter("em-3", "b2", now - 30_000, 40, 1000);
        write(Point.measurement("pv").tag("tenant", "nanan").tag("building", "b1").tag("thing", "nanan:pv-1")
                .addField("acPower", 7.5).time(now - 20_000, TimeUnit.MILLISECONDS).build());
        environment("3-east", now - 20_000, 22.0, 1200, 8);
        environment("4-west", now - 20_000, 23.0, 600, 10);
        write(Point.measurement("energy").tag("tenant", "xinshengli").tag("building", "b1").tag("thing", "xinshengli:em-1")
                .addField("activePower", 999.0).time(now - 20_000, TimeUnit.MILLISECONDS).build());
    }

    @AfterAll
    void stop() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void energyViewSumsMetersPerBuilding() throws Exception {
        // nanan is described in Asia/Shanghai: its day starts there, whatever tz says
        JsonObject view = new JsonObject(p.get("/api/insights/energy?tenant=nanan&tz=UTC").body());
        assertThat(view.getString("timeZone")).isEqualTo("Asia/Shanghai");
        JsonArray buildings = view.getJsonArray("buildings");
        JsonObject b1 = buildings.getJsonObject(0);
        assertThat(b1.getString("building")).isEqualTo("b1");
        assertThat(b1.getDouble("loadKw")).isEqualTo(25.0);     // 12 + 13, the latest of each meter
        assertThat(b1.getDouble("pvKw")).isEqualTo(7.5);
        assertThat(b1.getDouble("todayKwh")).isEqualTo(35.0);   // (130 - 100) + (205 - 200)
        assertThat(buildings.getJsonObject(1).getDouble("loadKw")).isEqualTo(40.0);
        assertThat(view.getJsonObject("totals").getDouble("loadKw")).isEqualTo(65.0);
        assertThat(view.getJsonObject("series").getJsonArray("points")).isNotEmpty();
    }

    /**
     * "Today" on the energy view starts at midnight where the site is (Asia/Shanghai, UTC+8), not
     * where the browser is: a reading a minute before that midnight is yesterday's, one a minute
     * after is today's, whatever {@code tz} the browser sends. A site nobody described falls back to {@code tz}.
     */
    @Test
    void todayStartsAtMidnightInTheSitesTimeZone() throws Exception {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant now = Instant.now();
        Instant midnight = LocalDate.now(shanghai).atStartOfDay(shanghai).toInstant();
        assumeTrue(Duration.between(midnight, now).toMinutes() >= 2, "runs from two minutes after midnight in Shanghai");
        HttpResponse<String> put = p.send("PUT", "/api/sites/dawn", "{\"name\":\"Dawn Park\",\"timeZone\":\"Asia/Shanghai\"}",
                TestPlatform.ADMIN_TOKEN);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        for (String tenant : new String[] {"dawn", "undescribed"}) {
            register(tenant, midnight.minusSeconds(60), 100);   // 23:59 yesterday in Shanghai
            register(tenant, midnight.plusSeconds(60), 110);    // 00:01 today in Shanghai
            register(tenant, now.minusSeconds(30), 130);
        }

        JsonObject described = new JsonObject(p.get("/api/insights/energy?tenant=dawn&tz=UTC").body());
        assertThat(described.getString("timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(described.getString("since")).isEqualTo(midnight.toString());
        assertThat(described.getJsonObject("totals").getDouble("todayKwh")).as("130 - 110: 23:59 is yesterday").isEqualTo(20.0);

        JsonObject fallback = new JsonObject(p.get("/api/insights/energy?tenant=undescribed&tz=Asia%2FShanghai").body());
        assertThat(fallback.getString("timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(fallback.getJsonObject("totals").getDouble("todayKwh")).isEqualTo(20.0);
        JsonObject utc = new JsonObject(p.get("/api/insights/energy?tenant=undescribed&tz=UTC").body());
        assertThat(utc.getString("since")).isEqualTo(LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    }

    @Test
    void environmentViewJudgesComfortPerZone() throws Exception {
        JsonObject view = new JsonObject(p.get("/api/insights/environment?tenant=nanan&building=b1").body());
        JsonArray zones = view.getJsonArray("zones");
        assertThat(zones).hasSize(2);
        JsonObject east = zones.getJsonObject(0);
        assertThat(east.getString("zone")).isEqualTo("3-east");
        assertThat(east.getJsonObject("now").getDouble("co2")).isEqualTo(1200.0);
        assertThat(east.getBoolean("comfortable")).isFalse();
        assertThat(zones.getJsonObject(1).getBoolean("comfortable")).isTrue();
        assertThat(east.getJsonArray("series")).isNotEmpty();
        assertThat(view.getJsonObject("comfort").getJsonArray("temperature").getList()).containsExactly(20, 26);
    }

    @Test
    void badParametersAreRefusedWithTheirName() throws Exception {
        assertThat(p.get("/api/insights/energy").statusCode()).isEqualTo(400);
        assertThat(p.get("/api/insights/energy?tenant=nanan&range=1y").body()).contains("range must be 24h or 7d");
        assertThat(p.get("/api/insights/energy?tenant=nanan&tz=Mars/Olympus").body()).contains("tz must be");
        // a quote in a free-text parameter is data, not InfluxQL
        assertThat(p.get("/api/insights/environment?tenant=nanan&building=b1%27%20OR%201%3D1").statusCode()).isEqualTo(200);
    }

    private void meter(String id, String building, long time, double kw, double kwh) {
        write(Point.measurement("energy").tag("tenant", "nanan").tag("building", building).tag("thing", "nanan:" + id)
                .addField("activePower", kw).addField("activeEnergyImport", kwh).time(time, TimeUnit.MILLISECONDS).build());
    }

    private void register(String tenant, Instant time, double kwh) {
        write(Point.measurement("energy").tag("tenant", tenant).tag("building", "b1").tag("thing", tenant + ":em-1")
                .addField("activeEnergyImport", kwh).time(time.toEpochMilli(), TimeUnit.MILLISECONDS).build());
    }

    private void environment(String zone, long time, double t, double co2, double pm25) {
        write(Point.measurement("environment").tag("tenant", "nanan").tag("building", "b1").tag("zone", zone)
                .tag("thing", "nanan:iaq-" + zone).addField("temperature", t).addField("co2", co2).addField("pm25", pm25)
                .time(time, TimeUnit.MILLISECONDS).build());
    }

    private void write(Point point) {
        influx.client().write(p.influxDb, "", point);
    }
}
