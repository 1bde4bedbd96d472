package io.parkops.twins.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.twins.TestTypes;
import io.parkops.twins.search.PlacesApi;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PlacesApiTest {

    @Test
    void listsEverySiteAndTheDistinctPlacesOfItsTwins(@TempDir Path dir) throws Exception {
        try (ApiServer api = new ApiServer(dir, router -> { })) {
            new PlacesApi(api.vertx, api.store).mount(api.router);
            for (int i = 0; i < 300; i++) { // a big site first: a first page of things would hold nothing else
                api.store.create(new Device(ThingId.of("alpha", "hvac-" + i), TestTypes.HVAC.id(),
                        Map.of(Device.BUILDING, "b" + i % 2, "floor", String.valueOf(i % 3), "zone", "z" + i % 3)), 1_000);
            }
            api.store.create(TestTypes.hvac("north-park", "hvac-1", "t2"), 1_000); // a building, no floor or zone

            JsonObject all = new JsonObject(api.get("/api/places").body());
            assertThat(all.getJsonArray("sites").getList()).containsExactly("alpha", "north-park");
            JsonObject north = new JsonObject(api.get("/api/places?tenant=north-park").body());
            assertThat(north.getJsonArray("places").encode()).isEqualTo("[{\"site\":\"north-park\",\"building\":\"t2\"}]");
            JsonObject alpha = new JsonObject(api.get("/api/places?tenant=alpha").body());
            assertThat(alpha.getJsonArray("places")).hasSize(6); // (b0|b1) x (floor, zone) pairs 0/z0, 1/z1, 2/z2
            assertThat(alpha.getJsonArray("places").getJsonObject(0).encode())
                    .isEqualTo("{\"site\":\"alpha\",\"building\":\"b0\",\"floor\":\"0\",\"zone\":\"z0\"}");
        }
    }
}
