package io.parkops.twins.ditto;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Device;
import io.parkops.model.TwinChange;
import io.parkops.twins.TestTypes;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Ditto backend against a real Eclipse Ditto 2.4.0 from {@code infra/ditto/docker-compose.yml}.
 * Skipped where there is no Docker engine (as on the development machines); {@link DittoBackendTest}
 * covers the same behaviour against ParkOps' own Ditto protocol endpoint everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(600)
class DittoStackTest {

    @Container
    static final ComposeContainer DITTO = new ComposeContainer(new File("../infra/ditto/docker-compose.yml"))
            .withServices("mongodb", "policies", "things", "things-search", "connectivity", "gateway", "nginx")
            .withExposedService("nginx", 80, Wait.forHttp("/health").forStatusCode(200)
                    .withBasicCredentials("ditto", "ditto").withStartupTimeout(Duration.ofMinutes(5)));

    @Test
    void writesTwinsIntoARealDitto() throws Exception {
        String host = DITTO.getServiceHost("nginx", 80);
        int port = DITTO.getServicePort("nginx", 80);
        Device hvac = TestTypes.hvac("xinshengli", "hvac-ts1", "h1");
        try (DittoTwinSync sync = new DittoTwinSync(DittoBackendConfig.parse("ws://ditto:ditto@" + host + ':' + port,
                Duration.ofMillis(500)), TestTypes.TYPES)) {
            sync.offer(new TwinChange(hvac, 1, 1, Map.of("loop", Map.of("processValue", 21.5))));
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("ditto:ditto".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> r;
            do {
                Thread.sleep(500);
                r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ':' + port
                                + "/api/2/things/xinshengli:hvac-ts1/features/loop/properties/processValue"))
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
            } while (r.statusCode() != 200 && System.nanoTime() < deadline);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("21.5");
        }
    }
}
