package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The facility manager's questions, answered on the page from readings that real clients sent:
 * what each building uses now and today, whether each zone is comfortable, whether the roof is
 * safe to fly, which desks lost fiber. Devices sign in with their passwords (mosquitto_pub -u/-P)
 * and the values go through the whole platform into twins and InfluxDB. Screenshots of every view
 * land in target/screenshots (copies in docs/screenshots, linked from the README).
 */
@ExtendWith(RealServices.class)
@Timeout(300) // may first wait out up to three minutes before midnight in Shanghai
class DashboardParkViewsTest {

    @Test
    void everyViewAnswersItsQuestionFromRealReadings(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dir.resolve("platform"), null)) {
            provision(p, "em-0002", "energy-meter", "b2", null, null);
            provision(p, "pv-0001", "pv-inverter", "b1", "roof", "roof");
            provision(p, "ws-0001", "weather-station", "b1", "roof", "roof");
            provision(p, "dp-0001", "drone-pad", "b1", "roof", "roof");
            provision(p, "leak-0001", "leak-sensor", "b1", "roof", "roof");
            provision(p, "ont-0001", "ont", "b1", "3", "3-east");
            provision(p, "ont-0002", "ont", "b1", "3", "3-east");

            sameDayInShanghai(); // both meter readings of the day in nanan's time zone, or "today" is the second alone
            publish(p, "em-0001", "{\"activePower\":40.0,\"activeEnergyImport\":1000.0}");
            publish(p, "em-0002", "{\"activePower\":18.5,\"activeEnergyImport\":500.0}");
            publish(p, "pv-0001", "{\"acPower\":12.5,\"dailyYield\":30.0}");
            publish(p, "iaq-0001", "{\"temperature\":22.0,\"co2\":650,\"pm25\":8}");
            publish(p, "iaq-0002", "{\"temperature\":27.5,\"co2\":1350,\"pm25\":12}");
            publish(p, "ws-0001", "{\"windSpeed\":4.0,\"windGust\":6.5,\"irradiance\":640}");
            publish(p, "dp-0001", "{\"occupied\":false,\"doorOpen\":false}");
            publish(p, "leak-0001", "{\"wet\":false,\"battery\":91}");
            publish(p, "ont-0001", "{\"rxPower\":-18.5,\"linkUp\":true}");
            publish(p, "ont-0002", "{\"rxPower\":-40.0,\"linkUp\":false}");
            Thread.sleep(1100); // a second meter reading, later: today's energy is the difference
            publish(p, "em-0001", "{\"activePower\":42.0,\"activeEnergyImport\":1012.5}");

            try (Browser browser = new Browser(dir.resolve("profile"), 1280, 900)) {
                browser.signIn(p, TestPlatform.ADMIN_TOKEN, "energy");
                browser.awaitText(By.id("energy-cards"), "60.5 kW"); // 42 + 18.5: the latest reading of each meter
                browser.awaitText(By.id("energy-cards"), "12.5 kW");
                browser.awaitText(By.id("energy-table"), "b2");
                browser.awaitText(By.id("energy-table"), "12.5 kWh");
                browser.screenshot("dashboard-energy");
                // the view reads its figures again while it is looked at (once a minute, and when the tab is shown again)
                publish(p, "em-0001", "{\"activePower\":41.0,\"activeEnergyImport\":1020.0}");
                Eventually.await(java.time.Duration.ofSeconds(30), () -> p.get("/api/insights/energy?tenant=nanan").body(),
                        b -> new io.vertx.core.json.JsonObject(b).getJsonArray("buildings").getJsonObject(0).getDouble("todayKwh") == 20.0,
                        "b1's 20 kWh today in InfluxDB");
                browser.driver.executeScript("document.dispatchEvent(new Event('visibilitychange'))");
                browser.awaitText(By.id("energy-table"), "20 kWh");

                browser.open(p.http("/#environment").toString());
                browser.awaitText(By.id("zones"), "outside comfort"); // 27.5 °C, 1350 ppm in 4-west
                browser.awaitText(By.id("zones"), "comfortable");
                browser.screenshot("dashboard-environment");

                browser.open(p.http("/#rooftop").toString());
                browser.awaitText(By.id("drone-state"), "Drone operations OK");
                browser.awaitText(By.id("drone-state"), "6.5 m/s");
                publish(p, "ws-0001", "{\"windSpeed\":11.0,\"windGust\":16.0}");
                browser.awaitText(By.id("drone-state"), "Drone operations NOT OK");
                browser.screenshot("dashboard-rooftop");

                browser.open(p.http("/#fiber").toString());
                browser.awaitText(By.cssSelector("#fiber-table tr.bad"), "nanan:ont-0002"); // the faulty one first
                assertThat(browser.driver.findElements(By.cssSelector("#fiber-table tr")).get(1).getText())
                        .contains("nanan:ont-0002").contains("DOWN");
                browser.screenshot("dashboard-fiber");

                // every view, under the Content-Security-Policy the platform serves: nothing refused
                browser.open(p.http("/#alerts").toString());
                browser.await(By.id("alert-list"));
                browser.open(p.http("/#devices").toString());
                browser.awaitText(By.id("device-table"), "nanan:ont-0002");
                assertThat(browser.cspViolations()).isEmpty();
                assertThat(browser.consoleErrors()).isEmpty();
            }
        }
    }

    private static void provision(TestPlatform p, String deviceId, String type, String building, String floor, String zone)
            throws Exception {
        String attributes = "\"building\":\"" + building + "\""
                + (floor == null ? "" : ",\"floor\":\"" + floor + "\",\"zone\":\"" + zone + "\"");
        var r = p.post("/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"" + deviceId + "\",\"type\":\"" + type
                + "\",\"attributes\":{" + attributes + "},\"credentials\":{\"password\":\"" + TestPlatform.DEVICE_PASSWORD + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static void publish(TestPlatform p, String deviceId, String json) {
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", deviceId, json);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    /** Waits past midnight in Asia/Shanghai when it is less than three minutes away (16:00 UTC). */
    private static void sameDayInShanghai() throws InterruptedException {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(shanghai);
        long toMidnight = java.time.Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(shanghai)).toMillis();
        if (toMidnight < 180_000) {
            Thread.sleep(toMidnight + 1_000);
        }
    }
}
