package io.parkops.twins.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.twins.TestTypes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.GlobalErrorRegistry;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertyNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ThingsApiTest {

    private static final String HVAC = "/api/2/things/xinshengli:hvac-1";
    private static final String MERGE = "application/merge-patch+json";

    @TempDir
    Path dir;
    private ApiServer api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiServer(dir, router -> { });
        Device hvac = TestTypes.hvac("xinshengli", "hvac-1", "h1");
        api.store.create(hvac, 1_000);
        api.store.apply(new Telemetry(hvac, Channel.TELEMETRY, Transport.MQTT, 2_000, 2_000,
                Map.of("loop", Map.of("processValue", 21.5, "setpoint", 22.0))), 2_000);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void getsAThingThatDittoModelParses() throws Exception {
        HttpResponse<String> r = api.get(HVAC);
        assertThat(r.statusCode()).isEqualTo(200);
        Thing thing = ThingsModelFactory.newThing(r.body());
        assertThat(thing.getEntityId().orElseThrow().toString()).isEqualTo("xinshengli:hvac-1");
        assertThat(thing.getFeatures().orElseThrow().getFeature("loop").orElseThrow().getProperty("processValue")
                .orElseThrow().asDouble()).isEqualTo(21.5);
        assertThat(r.headers().firstValue("ETag")).contains("\"rev:2\"");
    }

    @Test
    void selectsFieldsIncludingRevision() throws Exception {
        HttpResponse<String> r = api.get(HVAC + "?fields=thingId,_revision,attributes/building");
        var json = JsonFactory.newObject(r.body());
        assertThat(json.getValue("_revision").orElseThrow().asLong()).isEqualTo(2);
        assertThat(json.getValue("attributes/building").orElseThrow().asString()).isEqualTo("h1");
        assertThat(json.contains("features")).isFalse();
    }

    @Test
    void putsADesiredPropertyAndBumpsTheRevision() throws Exception {
        String path = HVAC + "/features/loop/desiredProperties/setpoint";
        assertThat(api.send("PUT", path, "23.5", "content-type", "application/json").statusCode()).isEqualTo(201);
        assertThat(api.send("PUT", path, "24", "content-type", "application/json").statusCode()).isEqualTo(204);
        assertThat(api.get(path).body()).isEqualTo("24");
        Thing thing = ThingsModelFactory.newThing(api.get(HVAC + "?fields=thingId,_revision,features").body());
        assertThat(thing.getRevision().orElseThrow().toLong()).isEqualTo(4);
    }

    @Test
    void mergePatchSetsAndNullDeletes() throws Exception {
        var r = api.send("PATCH", HVAC, "{\"attributes\":{\"floor\":\"2\",\"building\":null},"
                + "\"features\":{\"loop\":{\"properties\":{\"mode\":\"auto\"}}}}", "content-type", MERGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        Thing thing = ThingsModelFactory.newThing(api.get(HVAC).body());
        assertThat(thing.getAttributes().orElseThrow().getValue("floor").orElseThrow().asString()).isEqualTo("2");
        assertThat(thing.getAttributes().orElseThrow().contains("building")).isFalse();
        var loop = thing.getFeatures().orElseThrow().getFeature("loop").orElseThrow();
        assertThat(loop.getProperty("mode").orElseThrow().asString()).isEqualTo("auto");
        assertThat(loop.getProperty("processValue")).isPresent();
    }

    @Test
    void refusesAPatchThatIsNotMergePatch() throws Exception {
        var r = api.send("PATCH", HVAC, "{}", "content-type", "application/json");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(JsonFactory.newObject(r.body()).getValue("error").orElseThrow().asString()).isEqualTo("mediatype.unsupported");
    }

    @Test
    void conditionalWritesFailWith412() throws Exception {
        var stale = api.send("PUT", HVAC + "/attributes/zone", "\"z1\"", "content-type", "application/json",
                "If-Match", "\"rev:1\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(parseError(stale.body())).isInstanceOf(ThingPreconditionFailedException.class);
        var createOnly = api.send("PUT", HVAC, "{}", "content-type", "application/json", "If-None-Match", "*");
        assertThat(createOnly.statusCode()).isEqualTo(412);
        var current = api.send("PATCH", HVAC, "{\"attributes\":{\"zone\":\"z1\"}}", "content-type", MERGE,
                "If-Match", "\"rev:2\"");
        assertThat(current.statusCode()).isEqualTo(204);
        assertThat(api.get(HVAC, "If-None-Match", "\"rev:3\"").statusCode()).isEqualTo(304);
    }

    @Test
    void createsAndDeletesAThing() throws Exception {
        var created = api.send("PUT", "/api/2/things/nanan:new-1", "{\"attributes\":{\"building\":\"b9\"}}",
                "content-type", "application/json");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(ThingsModelFactory.newThing(created.body()).getEntityId().orElseThrow().toString())
                .isEqualTo("nanan:new-1");
        assertThat(api.send("DELETE", "/api/2/things/nanan:new-1", null).statusCode()).isEqualTo(204);
        var gone = api.get("/api/2/things/nanan:new-1");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(parseError(gone.body())).isInstanceOf(ThingNotAccessibleException.class);
    }

    @Test
    void errorsHaveDittosShape() throws Exception {
        var missing = api.get(HVAC + "/features/loop/properties/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(parseError(missing.body())).isInstanceOf(FeaturePropertyNotAccessibleException.class);
        var badJson = api.send("PUT", HVAC + "/attributes/x", "{not json", "content-type", "application/json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(JsonFactory.newObject(badJson.body()).getValue("error").orElseThrow().asString()).isEqualTo("json.invalid");
        var wrongId = api.send("PUT", HVAC, "{\"thingId\":\"xinshengli:other\"}", "content-type", "application/json");
        assertThat(wrongId.statusCode()).isEqualTo(400);
    }

    @Test
    void changesSurviveReopeningTheStore() throws Exception {
        api.send("PUT", HVAC + "/features/loop/desiredProperties/setpoint", "19", "content-type", "application/json");
        api.close();
        api = new ApiServer(dir, router -> { });
        assertThat(api.get(HVAC + "/features/loop/desiredProperties/setpoint").body()).isEqualTo("19");
        assertThat(api.get(HVAC).headers().firstValue("ETag")).contains("\"rev:3\"");
    }

    private static DittoRuntimeException parseError(String body) {
        return GlobalErrorRegistry.getInstance().parse(JsonFactory.newObject(body), DittoHeaders.empty());
    }
}
