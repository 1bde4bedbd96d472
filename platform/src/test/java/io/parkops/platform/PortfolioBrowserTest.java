package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The estate in a real Chromium: 20 parks created through /api/sites beside the two lead parks, each
 * with a meter and indoor-air sensors publishing real readings over MQTT (mosquitto_pub), a few
 * with ONTs. Some parks are given trouble (ONTs down, CO2 alerts, zones too warm or too cold); the
 * portfolio is the first screen and lists them worst first, a click opens the site, and the report
 * page shows a site's month per building and downloads it as CSV. No CSP refusal on the way.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class PortfolioBrowserTest {

    private static final int CREATED = 20;
    private static final String SHANGHAI = "Asia/Shanghai";
    /** The parks given trouble, in the order the portfolio must list them. */
    private static final List<String> WORST = List.of("park07", "park13", "park02", "park18", "park05", "park11");

    private TestPlatform p;
    private Path dir;
    private String passwordHash;

    @BeforeAll
    void start(InfluxServer influx, @TempDir Path tmp) throws Exception {
        dir = tmp;
        p = TestPlatform.start(influx, tmp.resolve("platform"), null);
        passwordHash = OpenBSDBCrypt.generate("2b", TestPlatform.DEVICE_PASSWORD.toCharArray(), new byte[16], 4); // no bcrypt work per device
        for (int i = 1; i <= CREATED; i++) {
            String site = site(i);
            String zone = i % 3 == 0 ? "Asia/Kolkata" : SHANGHAI; // two local midnights among the sites
            HttpResponse<String> put = p.send("PUT", "/api/sites/" + site, new JsonObject().put("name", "Park " + i)
                    .put("areaM2", 20_000 + 5_000 * i).put("timeZone", zone).encode(), TestPlatform.ADMIN_TOKEN);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            provision(site, "em-1", "energy-meter", "b1", "1", "plant");
            provision(site, "iaq-1", "iaq-sensor", "b1", "1", "z1");
            provision(site, "iaq-2", "iaq-sensor", "b1", "2", "z2");
            publish(site, "em-1", "{\"activePower\":" + (100 + i) + ",\"activeEnergyImport\":1000}");
            publish(site, "em-1", "{\"activePower\":" + (100 + i) + ",\"activeEnergyImport\":" + (1000 + i) + "}");
            publish(site, "iaq-1", "{\"temperature\":22.5,\"co2\":650,\"pm25\":8}");
            publish(site, "iaq-2", "{\"temperature\":23,\"co2\":700,\"pm25\":9}");
        }
        for (String site : List.of("park07", "park13")) {
            provision(site, "ont-1", "ont", "b1", "1", "z1");
            provision(site, "ont-2", "ont", "b1", "2", "z2");
            publish(site, "ont-1", "{\"linkUp\":false,\"rxPower\":-40}");
            publish(site, "ont-2", "{\"linkUp\":" + site.equals("park13") + ",\"rxPower\":-20}");
        }
        publish("park02", "iaq-1", "{\"co2\":2700}");
        publish("park02", "iaq-2", "{\"co2\":2800}");
        publish("park18", "iaq-1", "{\"co2\":2600}");
        publish("park05", "iaq-1", "{\"temperature\":29}");
        publish("park05", "iaq-2", "{\"temperature\":28}");
        publish("park11", "iaq-2", "{\"temperature\":17}");
        Eventually.await(Duration.ofSeconds(30), () -> new JsonObject(p.get("/api/portfolio").body()),
                a -> a.getJsonArray("sites").size() == CREATED + 2 && ids(a).subList(0, WORST.size()).equals(WORST)
                        && a.getJsonArray("sites").stream().map(JsonObject.class::cast).filter(s -> s.getString("site").startsWith("park"))
                        .allMatch(s -> s.getDouble("loadKw") > 0),
                "every park's readings in the portfolio");
    }

    @AfterAll
    void stop() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void thePortfolioListsEverySiteWorstFirstAndAClickOpensTheSite() {
        try (Browser browser = new Browser(dir.resolve("profile-portfolio"), 1280, 1400)) {
            browser.signIn(p, TestPlatform.ADMIN_TOKEN, "");
            browser.open(p.http("/").toString()); // no view named: a token of many sites starts on the portfolio
            browser.awaitText(By.id("portfolio-table"), "Park 20");
            List<String> rows = browser.driver.findElements(By.cssSelector("#portfolio-table tr[data-site]")).stream()
                    .map(r -> r.getAttribute("data-site")).toList();
            assertThat(rows).hasSize(CREATED + 2);
            assertThat(rows.subList(0, WORST.size())).containsExactlyElementsOf(WORST);
            WebElement first = browser.await(By.cssSelector("#portfolio-table tr[data-site='park07']"));
            assertThat(first.getText()).contains("2 critical", "107 kW", "2 of 2"); // two ONTs of two down
            assertThat(browser.await(By.cssSelector("#portfolio-table tr[data-site='park05']")).getText()).contains("2 of 2");
            browser.screenshot("dashboard-portfolio");

            browser.driver.findElement(By.cssSelector("#portfolio-table tr[data-site='park13'] .site-link")).click();
            browser.awaitText(By.id("energy-cards"), "113 kW"); // park13's meter, in its own energy view
            assertThat(browser.driver.getCurrentUrl()).endsWith("#energy");
            assertThat(new Select(browser.await(By.id("site"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("park13");
            assertThat(browser.cspViolations()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theReportPageShowsTheMonthPerBuildingAndDownloadsItAsCsv() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        String month = YearMonth.now(ZoneId.of(SHANGHAI)).toString();
        try (Browser browser = new Browser(dir.resolve("profile-report"), 1280, 900)) {
            browser.saveDownloadsIn(downloads);
            browser.signIn(p, TestPlatform.ADMIN_TOKEN, "report");
            new Select(browser.await(By.id("report-site"))).selectByValue("park13");
            browser.driver.executeScript("const m = document.getElementById('report-month'); m.value = arguments[0];"
                    + "m.dispatchEvent(new Event('change'));", month);
            browser.awaitText(By.id("report-title"), "Park 13 · " + month);
            WebElement b1 = browser.await(By.cssSelector("#report-table tr[data-building='b1']"));
            assertThat(b1.getText()).contains("13 kWh"); // 1013 - 1000 of the meter's register this month
            assertThat(browser.await(By.cssSelector("#report-table tr.total")).getText()).contains("whole site", "13 kWh");
            browser.screenshot("dashboard-report");

            browser.driver.findElement(By.id("report-csv")).click();
            Path csv = downloads.resolve("energy-park13-" + month + ".csv");
            List<String> lines = Eventually.await(Duration.ofSeconds(10), () -> Files.exists(csv) ? Files.readAllLines(csv) : null,
                    l -> l.size() == 3, "the downloaded CSV");
            assertThat(lines.get(0)).isEqualTo("site,month,building,name,areaM2,kWh,kWhPerM2,peakKw,pvKwh,pvSelfConsumptionShare,kgCO2e");
            assertThat(lines.get(1)).startsWith("park13," + month + ",b1,,,13,");
            assertThat(lines.get(2)).startsWith("park13," + month + ",(site),Park 13,85000,13,");
            assertThat(browser.cspViolations()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aTokenOfOneSiteGoesStraightToItsSite() throws Exception {
        String token = p.newToken("park04-fm", "viewer", "park04");
        try (Browser browser = new Browser(dir.resolve("profile-one"), 1280, 900)) {
            browser.signIn(p, token, "");
            browser.open(p.http("/").toString());
            browser.awaitText(By.id("energy-cards"), "104 kW");
            assertThat(browser.driver.findElement(By.id("portfolio-tab")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.id("view-portfolio")).isDisplayed()).isFalse();
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    private static String site(int i) {
        return String.format("park%02d", i);
    }

    private static List<String> ids(JsonObject answer) {
        List<String> out = new ArrayList<>();
        answer.getJsonArray("sites").forEach(s -> out.add(((JsonObject) s).getString("site")));
        return out;
    }

    private void provision(String site, String id, String type, String building, String floor, String zone) throws Exception {
        HttpResponse<String> r = p.post("/api/devices", new JsonObject().put("tenant", site).put("deviceId", id).put("type", type)
                .put("attributes", new JsonObject().put("building", building).put("floor", floor).put("zone", zone))
                .put("credentials", new JsonObject().put("passwordHash", passwordHash)).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private void publish(String site, String id, String json) {
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), site, id, json);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
