package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every HTTP answer carries the hardening headers, as {@code curl -I} sees them: the dashboard's
 * page and files, API answers, errors and unknown paths alike. Whether the page still works under
 * the policy is the Chromium tests' part (they fail on any refusal on the console).
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SecurityHeadersTest {

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
    void everyAnswerCarriesTheHardeningHeaders() throws Exception {
        assertHardened(p.get("/", null), 200);
        assertHardened(p.get("/js/app.js", null), 200);
        assertHardened(p.get("/css/parkops.css", null), 200);
        assertHardened(p.get("/health", null), 200);
        assertHardened(p.get("/metrics", null), 200);
        assertHardened(p.get("/api/2/things/nanan:iaq-0001"), 200);
        assertHardened(p.get("/api/2/things/nanan:iaq-0001", null), 401);
        assertHardened(p.get("/api/2/things/nanan:nothing-here"), 404);
        assertHardened(p.get("/no-such-page.html", null), 404);
        assertHardened(p.post("/api/devices", "{tenant"), 400);
    }

    @Test
    void thePolicyAllowsOnlyThePagesOwnScriptsAndStyles() throws Exception {
        Map<String, String> policy = directives(p.get("/", null).headers().firstValue("content-security-policy").orElseThrow());
        assertThat(policy).containsEntry("default-src", "'self'").containsEntry("script-src", "'self'")
                .containsEntry("style-src", "'self'").containsEntry("connect-src", "'self'")
                .containsEntry("frame-ancestors", "'none'");
        assertThat(String.join(" ", policy.values())).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }

    @Test
    void theDashboardHtmlHasNothingInlineThePolicyWouldRefuse() throws Exception {
        String html = Files.readString(Path.of("src/main/resources/webroot/index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("<style").doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\son[a-z]+=").doesNotContain("javascript:");
    }

    private static void assertHardened(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-security-policy")).as(r.uri().toString())
                .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("x-content-type-options")).as(r.uri().toString()).hasValue("nosniff");
        assertThat(r.headers().firstValue("referrer-policy")).as(r.uri().toString()).hasValue("no-referrer");
    }

    private static Map<String, String> directives(String header) {
        return Arrays.stream(header.split(";")).map(String::trim).filter(d -> !d.isEmpty())
                .collect(Collectors.toMap(d -> d.split(" ", 2)[0], d -> d.split(" ", 2)[1]));
    }
}
