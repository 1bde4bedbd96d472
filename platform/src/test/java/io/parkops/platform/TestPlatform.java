package io.parkops.platform;

import io.parkops.platform.config.ConfigLoader;
import io.parkops.platform.config.PlatformConfig;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real platform in the test JVM on ephemeral ports, with its data in a temporary folder and
 * its points in a fresh database of the real InfluxDB. Provisions a small nanan site from a
 * bootstrap file, which also declares the sites nanan and xinshengli; its devices have the MQTT password {@value #DEVICE_PASSWORD} and the PSK
 * {@code {deviceId}-key}. Device authentication is on, as in production, unless a test that is
 * not about it starts the platform with {@link #ANONYMOUS_DEVICES}.
 */
final class TestPlatform implements AutoCloseable {

    static final String BOOTSTRAP = """
            tenants: [nanan, xinshengli]
            devices:
              - {tenant: nanan, deviceId: iaq-0001, type: iaq-sensor, attributes: {building: b1, floor: "3", zone: 3-east},
                 credentials: {password: secret, psk: iaq-0001-key}}
              - {tenant: nanan, deviceId: iaq-0002, type: iaq-sensor, attributes: {building: b1, floor: "4", zone: 4-west},
                 credentials: {password: secret, psk: iaq-0002-key}}
              - {tenant: nanan, deviceId: iaq-0003, type: iaq-sensor, attributes: {building: b2, floor: "1", zone: lobby},
                 credentials: {password: secret, psk: iaq-0003-key}}
              - {tenant: nanan, deviceId: em-0001, type: energy-meter, attributes: {building: b1},
                 credentials: {password: secret, psk: em-0001-key}}
            sites:
              - {id: nanan, name: "Nan'an Xindi", areaM2: 450000, timeZone: Asia/Shanghai,
                 buildings: [{id: b1, name: Tower 1, areaM2: 62000}, {id: b2, name: Tower 2, areaM2: 58000}]}
              - {id: xinshengli, name: Xinshengli, areaM2: 650000, timeZone: Asia/Shanghai}
            """;

    static final String DEVICE_PASSWORD = "secret";

    /**
     * For tests that are not about device authentication and drive anonymous clients
     * ({@code coap-client-notls}, {@code mosquitto_pub} without {@code -u}): both
     * ALLOW_UNAUTHENTICATED settings on, as a lab would run.
     */
    static final Map<String, String> ANONYMOUS_DEVICES = Map.of(
            "PARKOPS_MQTT_ALLOW_UNAUTHENTICATED", "true",
            "PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true");

    static final String ADMIN_TOKEN = "test-admin-token";

    /** HTTP/1.1 as browsers and curl speak to the API here: no h2c upgrade on a client shared by every test in the JVM. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Vertx vertx;
    final Platform platform;
    final String influxDb;

    private TestPlatform(Vertx vertx, Platform platform, String influxDb) {
        this.vertx = vertx;
        this.platform = platform;
        this.influxDb = influxDb;
    }

    /** Starts a platform with its embedded broker, or with {@code mqttUrl} as its external broker when not null. */
    static TestPlatform start(InfluxServer influx, Path dataDir, String mqttUrl) throws Exception {
        return start(influx, dataDir, mqttUrl, Map.of());
    }

    /**
     * As {@link #start(InfluxServer, Path, String)}, with extra settings. The MQTT session ends when
     * a test platform disconnects (expiry 0) unless a test asks otherwise: a persistent session
     * left behind in a shared broker would take its share of later tests' messages.
     */
    static TestPlatform start(InfluxServer influx, Path dataDir, String mqttUrl, Map<String, String> extra) throws Exception {
        Path bootstrap = dataDir.resolve("bootstrap.yaml");
        Files.createDirectories(dataDir);
        Files.writeString(bootstrap, BOOTSTRAP);
        String db = influx.freshDatabase();
        Map<String, String> env = new HashMap<>();
        env.put("PARKOPS_DATA_DIR", dataDir.toString());
        env.put("PARKOPS_BIND_ADDRESS", "127.0.0.1");
        env.put("PARKOPS_HTTP_PORT", "0");
        env.put("PARKOPS_COAP_PORT", "0");
        env.put("PARKOPS_COAPS_PORT", "0");
        env.put("PARKOPS_MQTT_PORT", String.valueOf(FreePort.tcp()));
        env.put("PARKOPS_INFLUX_URL", influx.url());
        env.put("PARKOPS_INFLUX_DB", db);
        env.put("PARKOPS_BOOTSTRAP_FILE", bootstrap.toString());
        env.put("PARKOPS_ADMIN_TOKEN", ADMIN_TOKEN);
        if (mqttUrl != null) {
            env.put("PARKOPS_MQTT_URL", mqttUrl);
        }
        env.put("PARKOPS_MQTT_SESSION_EXPIRY", "0");
        env.put("PARKOPS_DEVICE_RATE", "0"); // tests publish bursts from one device; RateLimitTest sets its own
        env.putAll(extra);
        PlatformConfig config = ConfigLoader.load(null, env);
        PlatformVertx runtime = PlatformVertx.create();
        Vertx vertx = runtime.vertx();
        try {
            Platform platform = Platform.start(vertx, config, runtime.metrics()).await(60, TimeUnit.SECONDS);
            return new TestPlatform(vertx, platform, db);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, ADMIN_TOKEN);
    }

    /** GET with another token, or none (null). */
    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(5)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json, ADMIN_TOKEN);
    }

    /** Any method with a JSON body (or none) and a token (or none). */
    HttpResponse<String> send(String method, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(5))
                .header("content-type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates an API token (as the admin) with the given role, limited to {@code sites} (none: every site); returns its secret. */
    String newToken(String name, String role, String... sites) throws IOException, InterruptedException {
        io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject().put("name", name).put("role", role);
        if (sites.length > 0) {
            body.put("sites", new io.vertx.core.json.JsonArray(java.util.List.of(sites)));
        }
        HttpResponse<String> r = post("/api/tokens", body.encode());
        if (r.statusCode() != 201) {
            throw new AssertionError("creating token " + name + " failed: " + r.statusCode() + " " + r.body());
        }
        return new io.vertx.core.json.JsonObject(r.body()).getString("token");
    }

    double counter(String name, String... tags) {
        var search = platform.metrics().find(name);
        for (int i = 0; i + 1 < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double gauge(String name) {
        var gauge = platform.metrics().find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Override
    public void close() throws Exception {
        // closed from this thread, not from the stop's last callback: Vert.x cannot finish closing
        // from inside one of its own event loops once a cluster node's handover ran there
        try {
            platform.stop().await(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }
}
