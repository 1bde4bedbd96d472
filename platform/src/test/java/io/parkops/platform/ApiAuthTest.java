package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens and roles on every API path, over real HTTP. */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ApiAuthTest {

    /** One request per API route (method, path, body); keep in step with the routes Platform mounts. */
    static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/api/session", null},
            new String[] {"GET", "/api/alerts", null},
            new String[] {"GET", "/api/alerts/some-id", null},
            new String[] {"POST", "/api/alerts/some-id/ack", "{\"note\":\"x\"}"},
            new String[] {"GET", "/api/2/things/nanan:iaq-0001", null},
            new String[] {"PUT", "/api/2/things/nanan:iaq-0001/attributes/owner", "\"x\""},
            new String[] {"PATCH", "/api/2/things/nanan:iaq-0001", "{}"},
            new String[] {"DELETE", "/api/2/things/nanan:iaq-0001/attributes/owner", null},
            new String[] {"GET", "/api/2/things?ids=nanan:iaq-0001", null},
            new String[] {"GET", "/api/2/search/things", null},
            new String[] {"GET", "/api/devices/nanan/iaq-0001", null},
            new String[] {"GET", "/api/devices?tenant=nanan", null},
            new String[] {"POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"auth-1\",\"type\":\"ont\"}"},
            new String[] {"DELETE", "/api/devices/nanan/auth-1", null},
            new String[] {"GET", "/api/insights/energy?tenant=nanan", null},
            new String[] {"GET", "/api/reports/energy?site=nanan&month=2026-11", null},
            new String[] {"GET", "/api/portfolio", null},
            new String[] {"GET", "/api/device-types", null},
            new String[] {"GET", "/api/rules", null},
            new String[] {"PUT", "/api/rules/x", "{}"},
            new String[] {"DELETE", "/api/rules/x", null},
            new String[] {"POST", "/api/rules/x/backtest?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", null},
            new String[] {"GET", "/api/alerts/stream", null},
            new String[] {"POST", "/api/alerts/some-id/clear", "{}"},
            new String[] {"GET", "/api/notifications/dead-letters", null},
            new String[] {"GET", "/api/device-types/ont/thing-model", null},
            new String[] {"PUT", "/api/device-types/x", "{}"},
            new String[] {"DELETE", "/api/device-types/x", null},
            new String[] {"GET", "/api/sites", null},
            new String[] {"GET", "/api/sites/nanan", null},
            new String[] {"PUT", "/api/sites/nanan", "{\"name\":\"x\"}"},
            new String[] {"DELETE", "/api/sites/north-park", null},
            new String[] {"GET", "/api/tokens", null},
            new String[] {"POST", "/api/tokens", "{\"name\":\"x\",\"role\":\"viewer\"}"},
            new String[] {"GET", "/api/no-such-thing", null});

    private TestPlatform p;
    private Path dataDir;
    private String viewer;
    private String operator;

    @BeforeAll
    void start(InfluxServer influx, @TempDir Path dir) throws Exception {
        dataDir = dir;
        p = TestPlatform.start(influx, dir, null);
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
    void everyApiPathWithoutATokenIs401() throws Exception {
        for (String[] r : ROUTES) {
            HttpResponse<String> response = p.send(r[0], r[1], r[2], null);
            assertThat(response.statusCode()).as(r[0] + " " + r[1]).isEqualTo(401);
            assertThat(response.headers().firstValue("www-authenticate")).as(r[1]).isPresent();
        }
        assertThat(p.send("GET", "/api/alerts", null, "wrong-token").statusCode()).isEqualTo(401);
        assertThat(p.get("/ws/2", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerMayReadButNotWrite() throws Exception {
        assertThat(p.get("/api/alerts", viewer).statusCode()).isEqualTo(200);
        assertThat(p.get("/api/2/things/nanan:iaq-0001", viewer).statusCode()).isEqualTo(200);
        HttpResponse<String> ack = p.send("POST", "/api/alerts/some-id/ack", "{}", viewer);
        assertThat(ack.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(ack.body()).getString("message")).contains("facility-manager").contains("viewer");
        assertThat(p.send("POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"v-1\",\"type\":\"ont\"}", viewer)
                .statusCode()).isEqualTo(403);
        assertThat(p.get("/api/tokens", viewer).statusCode()).isEqualTo(403);
        assertThat(p.send("PUT", "/api/sites/nanan", "{\"name\":\"x\"}", viewer).statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorMayAcknowledgeButNotProvision() throws Exception {
        assertThat(p.send("POST", "/api/alerts/no-such-alert/ack", "{}", operator).statusCode()).isEqualTo(404);
        assertThat(p.send("POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"o-1\",\"type\":\"ont\"}", operator)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theSessionSaysWhoIsSignedIn() throws Exception {
        JsonObject session = new JsonObject(p.get("/api/session", operator).body());
        assertThat(session.getString("name")).isEqualTo("roof-crew");
        assertThat(session.getString("role")).isEqualTo("operator");
    }

    @Test
    void writesAreAudited() throws Exception {
        assertThat(p.send("POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"audited-1\",\"type\":\"ont\"}",
                TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(201);
        Path log = dataDir.resolve("audit.log");
        String line = Eventually.await(Duration.ofSeconds(5), () -> Files.exists(log) ? Files.readString(log) : "",
                s -> s.contains("/api/devices"), "the audit line");
        JsonObject entry = new JsonObject(line.lines().filter(l -> l.contains("/api/devices")).findFirst().orElseThrow());
        assertThat(entry.getString("who")).isEqualTo("admin");
        assertThat(entry.getString("method")).isEqualTo("POST");
        assertThat(entry.getInteger("status")).isEqualTo(201);
    }

    @Test
    void tokensAreListedWithoutTheirSecrets() throws Exception {
        String body = p.get("/api/tokens").body();
        assertThat(body).contains("facility-manager").contains("roof-crew").doesNotContain(viewer).doesNotContain(operator);
    }

}
