package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * {@code GET /api/portfolio} against a real platform and InfluxDB. The twins get real readings
 * over MQTT (mosquitto_pub): xinshengli's ONT loses its link (a critical alert) and its weather
 * station reads gusts of 15.2 m/s (a major alert, drones grounded); in nanan one zone's CO2 is
 * at 2,700 ppm (a major alert, one of its two zones with readings outside comfort). The meters'
 * history is written to InfluxDB with times around the site's midnights in Asia/Shanghai, and
 * the figures must equal those readings' spreads in the site's day, month and 12 months.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class PortfolioApiTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private TestPlatform p;
    private InfluxServer influx;
    private final Instant now = Instant.now();
    /** Every register reading written, per site and meter: time -> kWh. */
    private final Map<String, Map<String, TreeMap<Instant, Double>>> registers = new TreeMap<>();

    @BeforeAll
    void start(InfluxServer server, @TempDir Path dir) throws Exception {
        influx = server;
        p = TestPlatform.start(server, dir, null);
        HttpResponse<String> quiet = p.send("PUT", "/api/sites/quiet", "{\"name\":\"Quiet Park\",\"areaM2\":1000,"
                + "\"timeZone\":\"Asia/Shanghai\"}", TestPlatform.ADMIN_TOKEN);
        assertThat(quiet.statusCode()).as(quiet.body()).isEqualTo(201);
        for (String[] d : new String[][] {{"ont-1", "ont"}, {"ont-2", "ont"}, {"ws-1", "weather-station"}, {"pad-1", "drone-pad"}}) {
            provision("xinshengli", d[0], d[1]);
        }
        Instant month = YearMonth.from(now.atZone(SHANGHAI)).atDay(1).atStartOfDay(SHANGHAI).toInstant();
        Instant day = LocalDate.ofInstant(now, SHANGHAI).atStartOfDay(SHANGHAI).toInstant();
        register("nanan", "em-0001", "b1", now.atZone(SHANGHAI).minusMonths(13).toInstant(), 0);
        register("nanan", "em-0001", "b1", now.atZone(SHANGHAI).minusMonths(11).toInstant(), 1000);
        register("nanan", "em-0001", "b1", month.plusSeconds(60), 5000);
        if (day.plusSeconds(120).isBefore(now.minusSeconds(60))) {
            register("nanan", "em-0001", "b1", day.plusSeconds(120), 5400);
        }
        register("nanan", "em-2", "b2", month.plusSeconds(60), 300);
        register("nanan", "em-2", "b2", now.minusSeconds(60), 350);
        power("energy", "activePower", "nanan", "em-2", "b2", 7.5);
        register("xinshengli", "em-x1", "b1", month.plusSeconds(60), 2000);
        register("xinshengli", "em-x1", "b1", now.minusSeconds(60), 2100);
        power("energy", "activePower", "xinshengli", "em-x1", "b1", 20);
        pvYield("pv-1", month.plusSeconds(60), 100);
        pvYield("pv-1", now.minusSeconds(60), 160);
        power("pv", "acPower", "xinshengli", "pv-1", "b1", 30);

        publish("nanan", "em-0001", "{\"activePower\":42.5,\"activeEnergyImport\":5500}");
        registers.get("nanan").get("em-0001").put(Instant.now(), 5500.0); // stored at ingest time
        publish("nanan", "iaq-0001", "{\"temperature\":22.5,\"co2\":600}");
        publish("nanan", "iaq-0003", "{\"co2\":2700}");
        publish("xinshengli", "ont-1", "{\"linkUp\":false,\"rxPower\":-31.5}");
        publish("xinshengli", "ont-2", "{\"linkUp\":true,\"rxPower\":-19}");
        publish("xinshengli", "ws-1", "{\"windGust\":15.2,\"windSpeed\":9}");
        publish("xinshengli", "pad-1", "{\"occupied\":true,\"doorOpen\":false}");
        // the meter's reading over MQTT in InfluxDB (seen through the energy view) before the portfolio first reads a year
        Eventually.await(Duration.ofSeconds(20), () -> new JsonObject(p.get("/api/insights/energy?tenant=nanan").body()),
                v -> v.getJsonObject("totals").getDouble("loadKw") == 50.0, "the MQTT reading in InfluxDB");
    }

    @AfterAll
    void stop() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    /** Without InfluxDB the portfolio still lists every site worst first from the twins, its energy unknown. */
    @Test
    void withoutInfluxTheSitesAreStillListedWorstFirstAndTheEnergyIsUnknown(@TempDir Path dir) throws Exception {
        try (TestPlatform away = TestPlatform.start(influx, dir, null,
                Map.of("PARKOPS_INFLUX_URL", "http://127.0.0.1:" + io.parkops.testing.FreePort.tcp()))) {
            assertThat(DeviceClients.mosquittoPub("127.0.0.1", away.platform.mqttPort(), "nanan", "iaq-0002", "{\"co2\":2600}")
                    .exitCode()).isZero();
            JsonObject answer = Eventually.await(Duration.ofSeconds(20), () -> new JsonObject(away.get("/api/portfolio").body()),
                    a -> a.containsKey("sites") && ids(a).contains("nanan") && site(a, "nanan").getJsonObject("alerts").getLong("major") == 1,
                    "the portfolio with nanan's alert");
            assertThat(answer.getString("energyUnavailable")).contains("InfluxDB");
            assertThat(answer.getJsonArray("sites").getJsonObject(0).getString("site")).as("the site with the alert first")
                    .isEqualTo("nanan");
            assertThat(site(answer, "nanan").getValue("todayKwh")).as("unknown, not 0").isNull();
        }
    }

    @Test
    void everySiteWorstFirstWithItsFigures() throws Exception {
        JsonObject answer = Eventually.await(Duration.ofSeconds(20), () -> new JsonObject(p.get("/api/portfolio").body()),
                a -> site(a, "nanan").getDouble("loadKw") == 50.0 && site(a, "xinshengli").getJsonObject("alerts").getLong("critical") == 1,
                "the published readings in the portfolio");
        assertThat(ids(answer)).as("a critical alert first, then a major one, then a quiet site").containsExactly("xinshengli", "nanan", "quiet");
        assertThat(answer.getString("order")).startsWith("critical alerts, then major alerts");

        JsonObject nanan = site(answer, "nanan");
        assertThat(nanan.getString("name")).isEqualTo("Nan'an Xindi");
        assertThat(nanan.getString("timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(nanan.getDouble("loadKw")).isEqualTo(50.0); // 42.5 over MQTT + 7.5
        Instant day = LocalDate.ofInstant(now, SHANGHAI).atStartOfDay(SHANGHAI).toInstant();
        Instant month = YearMonth.from(now.atZone(SHANGHAI)).atDay(1).atStartOfDay(SHANGHAI).toInstant();
        Instant year = now.atZone(SHANGHAI).minusMonths(12).toInstant();
        assertThat(nanan.getDouble("todayKwh")).isEqualTo(spread("nanan", day));
        assertThat(nanan.getDouble("monthKwh")).isEqualTo(spread("nanan", month));
        double twelveMonths = spread("nanan", year);
        assertThat(twelveMonths).as("the reading 13 months ago is left out").isEqualTo(4550.0);
        assertThat(nanan.getDouble("last12MonthsKwh")).isEqualTo(twelveMonths);
        assertThat(nanan.getDouble("kWhPerM2Last12Months")).isEqualTo(Math.round(twelveMonths / 450_000 * 10_000) / 10_000.0);
        assertThat(nanan.getJsonObject("alerts").getLong("major")).isEqualTo(1);
        assertThat(nanan.getJsonObject("alerts").getLong("critical")).isZero();
        assertThat(nanan.getJsonObject("comfort").getMap()).containsEntry("zones", 2).containsEntry("outside", 1)
                .containsEntry("outsideShare", 0.5);
        assertThat(nanan.getJsonObject("drones").getString("state")).isEqualTo("none");

        JsonObject xsl = site(answer, "xinshengli");
        assertThat(xsl.getDouble("monthKwh")).isEqualTo(100.0);
        assertThat(xsl.getDouble("monthPvKwh")).isEqualTo(60.0);
        assertThat(xsl.getDouble("pvShare")).isEqualTo(0.6);
        assertThat(xsl.getDouble("loadKw")).isEqualTo(20.0);
        assertThat(xsl.getJsonObject("alerts").getLong("major")).as("the gusts").isEqualTo(1);
        assertThat(xsl.getJsonObject("onts").getMap()).containsEntry("total", 2).containsEntry("down", 1);
        JsonObject drones = xsl.getJsonObject("drones");
        assertThat(drones.getString("state")).isEqualTo("grounded");
        assertThat(drones.getInteger("pads")).isEqualTo(1);
        assertThat(drones.getInteger("occupied")).isEqualTo(1);
        assertThat(drones.getDouble("highestGustMs")).isEqualTo(15.2);

        // a new reading counts today and this month at once; the 12 months are read again only after an hour
        register("nanan", "em-2", "b2", Instant.now(), 360);
        JsonObject later = site(new JsonObject(p.get("/api/portfolio").body()), "nanan");
        assertThat(later.getDouble("monthKwh")).isEqualTo(nanan.getDouble("monthKwh") + 10);
        assertThat(later.getDouble("last12MonthsKwh")).isEqualTo(twelveMonths);

        JsonObject quiet = site(answer, "quiet");
        assertThat(quiet.getDouble("monthKwh")).isZero();
        assertThat(quiet.getValue("pvShare")).isNull();
        assertThat(quiet.getJsonObject("comfort").getValue("outsideShare")).as("no zone has readings").isNull();
    }

    @Test
    void aTokenSeesOnlyItsSites() throws Exception {
        String nananOnly = p.newToken("nanan-fm", "viewer", "nanan");
        assertThat(ids(new JsonObject(p.get("/api/portfolio", nananOnly).body()))).containsExactly("nanan");
        HttpResponse<String> made = p.post("/api/tokens", new JsonObject().put("name", "tower-1").put("role", "viewer")
                .put("sites", new JsonArray().add("nanan")).put("buildings", new JsonArray().add("b1")).encode());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String tower = new JsonObject(made.body()).getString("token");
        assertThat(ids(new JsonObject(p.get("/api/portfolio", tower).body())))
                .as("the figures are whole sites': a token for one building gets none").isEmpty();
        assertThat(p.get("/api/portfolio", null).statusCode()).isEqualTo(401);
    }

    private double spread(String site, Instant since) {
        double sum = 0;
        for (TreeMap<Instant, Double> meter : registers.get(site).values()) {
            List<Double> in = new ArrayList<>(meter.tailMap(since, true).values());
            if (!in.isEmpty()) {
                sum += in.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                        - in.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            }
        }
        return Math.round(sum * 100) / 100.0;
    }

    private static JsonObject site(JsonObject answer, String id) {
        return answer.getJsonArray("sites").stream().map(JsonObject.class::cast).filter(s -> s.getString("site").equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + id + " in " + answer));
    }

    private static List<String> ids(JsonObject answer) {
        return answer.getJsonArray("sites").stream().map(s -> ((JsonObject) s).getString("site")).toList();
    }

    private void provision(String tenant, String id, String type) throws Exception {
        HttpResponse<String> r = p.post("/api/devices", new JsonObject().put("tenant", tenant).put("deviceId", id).put("type", type)
                .put("attributes", new JsonObject().put("building", "b1").put("floor", "R").put("zone", "roof"))
                .put("credentials", new JsonObject().put("password", TestPlatform.DEVICE_PASSWORD)).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private void publish(String tenant, String id, String json) {
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), tenant, id, json);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private void register(String tenant, String meter, String building, Instant time, double kwh) {
        registers.computeIfAbsent(tenant, t -> new TreeMap<>()).computeIfAbsent(meter, m -> new TreeMap<>()).put(time, kwh);
        write(Point.measurement("energy").tag("tenant", tenant).tag("building", building).tag("thing", tenant + ":" + meter)
                .addField("activeEnergyImport", kwh).time(time.toEpochMilli(), TimeUnit.MILLISECONDS).build());
    }

    private void power(String measurement, String field, String tenant, String device, String building, double kw) {
        write(Point.measurement(measurement).tag("tenant", tenant).tag("building", building).tag("thing", tenant + ":" + device)
                .addField(field, kw).time(now.minusSeconds(30).toEpochMilli(), TimeUnit.MILLISECONDS).build());
    }

    private void pvYield(String inverter, Instant time, double totalKwh) {
        write(Point.measurement("pv").tag("tenant", "xinshengli").tag("building", "b1").tag("thing", "xinshengli:" + inverter)
                .addField("totalYield", totalKwh).time(time.toEpochMilli(), TimeUnit.MILLISECONDS).build());
    }

    private void write(Point point) {
        influx.client().write(p.influxDb, "", point);
    }
}
