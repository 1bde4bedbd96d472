package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A restarted platform serves the twins it had: telemetry values, API edits and revisions. */
@ExtendWith(RealServices.class)
@Timeout(120)
class TwinRestartTest {

    @Test
    void twinsSurviveARestart(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        String twin = "/api/2/things/nanan:iaq-0002";
        Thing before;
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            assertThat(DeviceClients.coapsPostAs(p.platform.coapsPort(), "nanan", "iaq-0002", "{\"co2\":777}").exitCode()).isZero();
            Eventually.await(Duration.ofSeconds(20), () -> p.get(twin + "/features/environment/properties/co2"),
                    r -> r.body().equals("777.0"), "the reading in the twin");
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(p.http(twin + "/attributes/owner"))
                    .header("content-type", "application/json").header("Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN)
                    .PUT(HttpRequest.BodyPublishers.ofString("\"facilities\"")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(201);
            Thread.sleep(1_500); // one commit interval for the telemetry-driven change
            before = ThingsModelFactory.newThing(p.get(twin + "?fields=thingId,attributes,features,_revision,_modified").body());
        }
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            Thing after = ThingsModelFactory.newThing(p.get(twin + "?fields=thingId,attributes,features,_revision,_modified").body());
            assertThat(after.getRevision()).isEqualTo(before.getRevision());
            assertThat(after.getModified()).isEqualTo(before.getModified());
            assertThat(after.getAttributes().orElseThrow().getValue("owner").orElseThrow().asString()).isEqualTo("facilities");
            assertThat(after.getFeatures().orElseThrow().getFeature("environment").orElseThrow().getProperty("co2")
                    .orElseThrow().asDouble()).isEqualTo(777.0);
        }
    }
}
