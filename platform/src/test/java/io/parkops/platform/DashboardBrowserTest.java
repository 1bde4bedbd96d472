package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against a real platform: a user signs in with a
 * token, it loads without console errors, a reading published with mosquitto_pub shows up without
 * a reload, a crew member acknowledges an alert from a phone-sized screen, and a viewer is not
 * offered the acknowledge button. Screenshots land in target/screenshots.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DashboardBrowserTest {

    private TestPlatform p;
    private Path dir;
    private String viewer;
    private String operator;

    @BeforeAll
    void start(InfluxServer influx, @TempDir Path tmp) throws Exception {
        dir = tmp;
        p = TestPlatform.start(influx, tmp.resolve("platform"), null);
        viewer = p.newToken("facility-manager", "viewer");
        operator = p.newToken("roof-crew", "operator");
    }

    @AfterAll
    void stop() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void loadsWithoutConsoleErrorsAndShowsTheSitesDevices() {
        try (Browser browser = new Browser(dir.resolve("profile-1"), 1280, 900)) {
            browser.open(p.http("/").toString());
            browser.await(By.id("login"));
            browser.screenshot("dashboard-sign-in");
            browser.signIn(p, TestPlatform.ADMIN_TOKEN, "devices");
            browser.awaitText(By.id("device-table"), "nanan:iaq-0001");
            browser.awaitText(By.cssSelector("tr[data-thing='nanan:iaq-0001'] .provisioning"), "yes");
            // the site picker names the sites as /api/sites describes them
            assertThat(new org.openqa.selenium.support.ui.Select(browser.await(By.id("site"))).getOptions())
                    .extracting(WebElement::getText).contains("Nan'an Xindi (nanan)", "Xinshengli (xinshengli)");
            browser.screenshot("dashboard-devices");
            browser.open(p.http("/#energy").toString());
            browser.await(By.cssSelector("#energy-cards .card"));
            assertThat(browser.cspViolations()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aViewerOfOneSiteIsOfferedOnlyThatSite() throws Exception {
        java.net.http.HttpResponse<String> made = p.post("/api/tokens", new io.vertx.core.json.JsonObject()
                .put("name", "nanan-fm").put("role", "viewer").put("sites", new io.vertx.core.json.JsonArray().add("nanan")).encode());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String token = new io.vertx.core.json.JsonObject(made.body()).getString("token");
        try (Browser browser = new Browser(dir.resolve("profile-scoped"), 1280, 900)) {
            browser.signIn(p, token, "devices");
            browser.awaitText(By.id("device-table"), "nanan:iaq-0001");
            assertThat(new org.openqa.selenium.support.ui.Select(browser.await(By.id("site"))).getOptions())
                    .extracting(o -> o.getAttribute("value")).containsExactly("nanan");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    @Test
    void aPublishedReadingAppearsWithoutAReload() {
        try (Browser browser = new Browser(dir.resolve("profile-2"), 1280, 900)) {
            browser.signIn(p, viewer, "devices");
            browser.awaitText(By.id("device-table"), "nanan:iaq-0002");
            ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0002",
                    "{\"temperature\":21.4,\"co2\":777}");
            assertThat(r.exitCode()).as(r.output()).isZero();
            // with the unit its device type declares: the page read the full type definitions
            browser.awaitText(By.cssSelector("tr[data-thing='nanan:iaq-0002'] .values"), "co2 777 ppm");
            browser.screenshot("dashboard-live-value");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    @Test
    void aCrewMemberAcknowledgesAnAlertFromAPhone() {
        try (Browser browser = new Browser(dir.resolve("profile-3"), 412, 915)) {
            browser.signIn(p, operator, "alerts");
            browser.await(By.id("alert-list"));
            DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0003", "{\"co2\":2700}");
            By card = By.cssSelector(".alert[data-alert]");
            browser.awaitText(By.id("alert-list"), "nanan:iaq-0003");
            // where the crew has to go, from the device's attributes (bootstrap: b2, floor 1, lobby)
            assertThat(browser.await(By.cssSelector(".alert[data-alert] .where")).getText())
                    .isEqualTo("site nanan · building b2 · floor 1 · zone lobby");
            browser.screenshot("dashboard-alert-raised");
            WebElement alert = browser.await(card);
            alert.findElement(By.name("note")).sendKeys("window opened, fan checked");
            alert.findElement(By.cssSelector("button.ack-button")).click();
            browser.awaitText(By.id("alert-list"), "window opened, fan checked");
            browser.screenshot("dashboard-alert-acknowledged");
            assertThat(browser.cspViolations()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /**
     * The alert list is read again whenever its stream comes (back) up: an alert raised while the
     * stream was down (here: blocked in the browser), or between reading the list and opening the
     * stream, shows once the stream is back instead of never.
     */
    @Test
    void anAlertRaisedWhileTheAlertStreamWasDownShowsOnceItIsBack() throws Exception {
        try (Browser browser = new Browser(dir.resolve("profile-5"), 1280, 900)) {
            browser.driver.executeCdpCommand("Network.enable", java.util.Map.of());
            browser.driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of("*/api/alerts/stream*")));
            browser.signIn(p, viewer, "alerts");
            browser.await(By.cssSelector("#alert-list[aria-busy='false']")); // the list was read without its stream
            DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0002", "{\"co2\":2900}");
            Eventually.await(java.time.Duration.ofSeconds(30),
                    () -> p.get("/api/alerts?state=ACTIVE&tenant=nanan").body(), b -> b.contains("nanan:iaq-0002"), "the CO2 alert");
            Thread.sleep(1_000);
            assertThat(browser.await(By.id("alert-list")).getText()).as("raised while the stream is down").doesNotContain("nanan:iaq-0002");

            browser.driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of()));
            browser.awaitText(By.id("alert-list"), "nanan:iaq-0002");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    @Test
    void aViewerIsNotOfferedTheAcknowledgeButton() {
        try (Browser browser = new Browser(dir.resolve("profile-4"), 412, 915)) {
            browser.signIn(p, viewer, "alerts");
            browser.await(By.id("alert-list"));
            DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001", "{\"co2\":2800}");
            browser.awaitText(By.id("alert-list"), "nanan:iaq-0001");
            assertThat(browser.driver.findElements(By.cssSelector("button.ack-button"))).isEmpty();
            browser.screenshot("dashboard-viewer-alerts");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }
}
