package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard at estate scale, in a real Chromium: a site of 5,000 devices beside one of 50 and
 * one of a single device. Every site is offered (a first page of things used to hold only the big
 * one); the device table is a page of the server's search, paged and searched there; and the big
 * site opens about as fast as the small one and shows a live reading about as fast, because the
 * browser loads and follows only the page on screen. The measured times are printed; the ratio is
 * what the test keeps.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class DashboardEstateTest {

    private static final int BIG = 5_000;
    private static final int SMALL = 50;
    /** Time to the first page, and to a live value on it, for 5,000 devices against 50: at most this many times. */
    private static final double RATIO_BUDGET = 3.0;
    /**
     * The ratio's denominator at least this (ms): a live value on the small site can come in 40 ms,
     * and then a busy machine's jitter alone (a mosquitto_pub start, a GC) would break the ratio.
     * Following all 5,000 devices instead of the 50 on screen costs seconds, far above it.
     */
    private static final double JITTER_FLOOR_MS = 150;

    private TestPlatform p;
    private Path dir;

    @BeforeAll
    void start(InfluxServer influx, @TempDir Path tmp) throws Exception {
        dir = tmp;
        // the two devices that publish sign in with TestPlatform's password, given pre-hashed: no bcrypt at start
        String hash = OpenBSDBCrypt.generate("2b", TestPlatform.DEVICE_PASSWORD.toCharArray(), new byte[16], 4);
        StringBuilder yaml = new StringBuilder("tenants: [big, small, zulu]\ndevices:\n");
        site(yaml, "big", BIG, hash);
        site(yaml, "small", SMALL, hash);
        site(yaml, "zulu", 1, hash);
        Path bootstrap = tmp.resolve("estate.yaml");
        Files.writeString(bootstrap, yaml);
        p = TestPlatform.start(influx, tmp.resolve("platform"), null, Map.of("PARKOPS_BOOTSTRAP_FILE", bootstrap.toString()));
    }

    private static void site(StringBuilder yaml, String site, int devices, String hash) {
        for (int i = 0; i < devices; i++) {
            String id = String.format("iaq-%05d", i);
            yaml.append("  - {tenant: ").append(site).append(", deviceId: ").append(id).append(", type: iaq-sensor, attributes: {building: b")
                    .append(i % 4).append(", floor: \"").append(i % 12).append("\", zone: z").append(i % 30).append('}')
                    .append(i == 7 ? ", credentials: {passwordHash: \"" + hash + "\"}" : "").append("}\n");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void everySiteIsOfferedAndTheTableIsPagedAndSearchedOnTheServer() {
        try (Browser browser = new Browser(dir.resolve("profile-1"), 1280, 900)) {
            browser.signIn(p, TestPlatform.ADMIN_TOKEN, "devices");
            browser.awaitText(By.id("device-pager"), "of");
            Select site = new Select(browser.await(By.id("site")));
            assertThat(site.getOptions()).extracting(o -> o.getAttribute("value")).containsExactly("big", "small", "zulu");

            site.selectByValue("big");
            browser.awaitText(By.cssSelector("#device-pager .range"), "1–50 of 5000 devices");
            assertThat(browser.driver.findElements(By.cssSelector("#device-table tr[data-thing]"))).hasSize(50);
            browser.driver.findElement(By.cssSelector("#device-pager [data-page=next]")).click();
            browser.awaitText(By.cssSelector("#device-pager .range"), "51–100 of 5000 devices");
            browser.awaitText(By.id("device-table"), "big:iaq-00050");
            browser.screenshot("dashboard-devices-paged");

            browser.driver.findElement(By.id("search")).sendKeys("IAQ-04321"); // the search ignores case
            browser.awaitText(By.cssSelector("#device-pager .range"), "1–1 of 1 devices");
            browser.awaitText(By.id("device-table"), "big:iaq-04321");

            site.selectByValue("zulu");
            browser.awaitText(By.cssSelector("#device-pager .range"), "no devices here"); // the search text still applies

            // a reload in the same tab, with the big site's page and its live streams open before
            site.selectByValue("big");
            browser.driver.findElement(By.id("search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            browser.awaitText(By.cssSelector("#device-pager .range"), "1–50 of 5000 devices");
            browser.open(p.http("/?reloaded#devices").toString());
            browser.awaitText(By.cssSelector("#device-pager .range"), "1–50 of 5000 devices");
            assertThat(browser.cspViolations()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aSiteOf5000DevicesOpensAndUpdatesAboutAsFastAsOneOf50() {
        double[] small = measure("small", 1);
        double[] big = measure("big", 1);
        for (int round = 2; round <= 3; round++) { // the best of three, alternating: the machine is shared
            small = min(small, measure("small", round));
            big = min(big, measure("big", round));
        }
        System.out.printf("dashboard devices view: first page %.0f ms (%d devices) vs %.0f ms (%d devices); "
                + "live value %.0f ms vs %.0f ms%n", big[0], BIG, small[0], SMALL, big[1], small[1]);
        assertThat(big[0] / Math.max(small[0], JITTER_FLOOR_MS)).as("time to the first page, 5,000 vs 50 devices (%.0f ms vs %.0f ms)",
                big[0], small[0]).isLessThan(RATIO_BUDGET);
        assertThat(big[1] / Math.max(small[1], JITTER_FLOOR_MS)).as("time to a live value, 5,000 vs 50 devices (%.0f ms vs %.0f ms)",
                big[1], small[1]).isLessThan(RATIO_BUDGET);
    }

    /**
     * Opens the site's device table in a fresh browser (signed in, nothing cached) and returns
     * {ms from navigation to its first 50 rows on screen, ms from a reading published with
     * mosquitto_pub to it on screen}.
     */
    private double[] measure(String site, int round) {
        try (Browser browser = new Browser(dir.resolve("profile-" + site + round), 1280, 900)) {
            browser.signIn(p, TestPlatform.ADMIN_TOKEN, "energy");
            browser.driver.executeScript("localStorage.setItem('parkops.site', arguments[0])", site);
            browser.open(p.http("/?round=" + round + "#devices").toString());
            double[] times = measureOpen(browser, site, round);
            assertThat(browser.cspViolations()).isEmpty();
            return times;
        }
    }

    private double[] measureOpen(Browser browser, String site, int round) {
        Object page = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (function check() {
                  const rows = document.querySelectorAll('#device-table tr[data-thing]');
                  if (rows.length >= 50) done(performance.now());
                  else if (performance.now() > 20000) done(`no first page: ${document.body.innerText.slice(0, 600)}`);
                  else setTimeout(check, 5);
                })();""");
        assertThat(page).as("the first page of %s", site).isInstanceOf(Number.class);
        double firstPage = ((Number) page).doubleValue();
        long co2 = 500 + round * 100L + site.length();
        double published = ((Number) browser.driver.executeScript("return performance.now()")).doubleValue();
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), site, "iaq-00007", "{\"co2\":" + co2 + "}");
        assertThat(r.exitCode()).as(r.output()).isZero();
        double shown = ((Number) browser.driver.executeAsyncScript("""
                const [thing, text, done] = arguments;
                (function check() {
                  const cell = document.querySelector(`tr[data-thing='${thing}'] .values`);
                  if (cell && cell.textContent.includes(text)) done(performance.now());
                  else setTimeout(check, 5);
                })();""", site + ":iaq-00007", "co2 " + co2)).doubleValue();
        return new double[] {firstPage, shown - published};
    }

    private static double[] min(double[] a, double[] b) {
        return new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1])};
    }
}
