package io.parkops.twins.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.twins.TestTypes;
import io.parkops.twins.search.SearchApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {

    private ApiServer api;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        api = new ApiServer(dir, router -> { });
        new SearchApi(api.vertx, api.store).mount(router(api));
        for (int i = 0; i < 12; i++) {
            Device d = TestTypes.hvac(i < 8 ? "xinshengli" : "north-park", "hvac-" + (i < 10 ? "0" : "") + i, "b" + (i % 3));
            api.store.create(d, 1_000);
            api.store.apply(new Telemetry(d, Channel.TELEMETRY, Transport.MQTT, 1, 1,
                    Map.of("loop", Map.of("processValue", 15.0 + i, "mode", i % 2 == 0 ? "auto" : "manual"))), 2_000);
        }
    }

    private static io.vertx.ext.web.Router router(ApiServer api) {
        return api.router;
    }

    @AfterAll
    void stop() throws Exception {
        api.close();
    }

    @Test
    void comparesNumbersAndStrings() throws Exception {
        assertThat(ids("and(gt(features/loop/properties/processValue,20),eq(features/loop/properties/mode,\"auto\"))", null))
                .containsExactly("north.park:hvac-08", "north.park:hvac-10", "xinshengli:hvac-06");
        assertThat(ids("le(features/loop/properties/processValue,16)", null))
                .containsExactly("xinshengli:hvac-00", "xinshengli:hvac-01");
        assertThat(ids("ge(features/loop/properties/processValue,26)", null)).containsExactly("north.park:hvac-11");
        assertThat(ids("lt(features/loop/properties/processValue,15.5)", null)).containsExactly("xinshengli:hvac-00");
    }

    @Test
    void supportsInLikeExistsNotOrNe() throws Exception {
        assertThat(ids("in(thingId,\"xinshengli:hvac-01\",\"north.park:hvac-09\")", null))
                .containsExactly("north.park:hvac-09", "xinshengli:hvac-01");
        assertThat(ids("like(thingId,\"north.park:*1?\")", null)).containsExactly("north.park:hvac-10", "north.park:hvac-11");
        assertThat(ids("like(thingId,\"NORTH.park:*1?\")", null)).as("like keeps case").isEmpty();
        assertThat(ids("not(exists(features/loop/properties/processValue))", null)).isEmpty();
        assertThat(ids("or(eq(thingId,\"xinshengli:hvac-02\"),eq(thingId,\"xinshengli:hvac-03\"))", null)).hasSize(2);
        assertThat(ids("ne(attributes/building,\"b0\")", null)).hasSize(8);
    }

    @Test
    void ilikeIgnoresCaseLikeDitto3() throws Exception {
        assertThat(ids("ilike(thingId,\"NORTH.Park:HVAC-1?\")", null)).containsExactly("north.park:hvac-10", "north.park:hvac-11");
        assertThat(ids("and(ilike(attributes/building,'B2'),not(ilike(thingId,\"*HVAC-0?\")))", null))
                .as("inside and/not, single-quoted").containsExactly("north.park:hvac-11");
        assertThat(ids("eq(attributes/building,\"ilike(b2,x)\")", null)).as("ilike inside a string is a string").isEmpty();
        for (String bad : List.of("ilike(thingId,5)", "ilike(thingId)", "like(thingId,\"\u0001x\")")) {
            var r = api.get("/api/2/search/things?filter=" + enc(bad));
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("rql.expression.invalid");
        }
    }

    @Test
    void pagesWithSizeCursorAndSort() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String option = "size(5),sort(-features/loop/properties/processValue)" + (cursor == null ? "" : ",cursor(" + cursor + ")");
            JsonObject page = search("eq(attributes/tenant,\"xinshengli\")", option);
            page.getValue("items").orElseThrow().asArray().forEach(t -> seen.add(ThingsModelFactory.newThing(t.asObject())
                    .getEntityId().orElseThrow().toString()));
            cursor = page.getValue("cursor").map(JsonValue::asString).orElse(null);
        } while (cursor != null);
        assertThat(seen).containsExactly("xinshengli:hvac-07", "xinshengli:hvac-06", "xinshengli:hvac-05", "xinshengli:hvac-04",
                "xinshengli:hvac-03", "xinshengli:hvac-02", "xinshengli:hvac-01", "xinshengli:hvac-00");
    }

    @Test
    void filtersByNamespaceAndCounts() throws Exception {
        var r = api.get("/api/2/search/things/count?namespaces=north.park");
        assertThat(r.body()).isEqualTo("4");
    }

    @Test
    void refusesBadRqlWithDittoError() throws Exception {
        var r = api.get("/api/2/search/things?filter=" + enc("eq(attributes/building"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JsonFactory.newObject(r.body()).getValue("error").orElseThrow().asString()).isEqualTo("rql.expression.invalid");
        var badSize = api.get("/api/2/search/things?option=size(0)");
        assertThat(badSize.statusCode()).isEqualTo(400);
    }

    private List<String> ids(String filter, String option) throws Exception {
        List<String> ids = new ArrayList<>();
        search(filter, option).getValue("items").orElseThrow().asArray()
                .forEach(t -> ids.add(t.asObject().getValue("thingId").orElseThrow().asString()));
        return ids;
    }

    private JsonObject search(String filter, String option) throws Exception {
        String q = "/api/2/search/things?filter=" + enc(filter) + (option == null ? "" : "&option=" + enc(option));
        var r = api.get(q);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonFactory.newObject(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
