package io.parkops.twins.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.twins.TestTypes;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ThingsStreamTest {

    private static final int THINGS = 6;
    private static final int UPDATES_PER_THREAD = 300;
    private static final int THREADS = 4;

    @TempDir
    Path dir;
    private ApiServer api;
    private final List<Device> devices = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new ApiServer(dir, router -> { });
        new ThingsStream(api.store).mount(api.router);
        for (int i = 0; i < THINGS; i++) {
            Device d = TestTypes.hvac("xinshengli", "hvac-" + i, "b" + (i % 2));
            devices.add(d);
            api.store.create(d, 1_000);
        }
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void deliversEveryChangeInOrderUnderConcurrentUpdates() throws Exception {
        Iterator<String> events = open("?fields=thingId,_revision,features");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> {
                for (int n = 0; n < UPDATES_PER_THREAD; n++) {
                    Device d = devices.get(n % THINGS);
                    long now = System.currentTimeMillis();
                    api.store.apply(new Telemetry(d, Channel.TELEMETRY, Transport.MQTT, now, now,
                            Map.of("loop", Map.of("processValue", (double) n))), now);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

        Map<String, Long> last = new HashMap<>();
        int total = THREADS * UPDATES_PER_THREAD;
        for (int i = 0; i < total; i++) {
            JsonObject event = next(events);
            String id = event.getValue("thingId").orElseThrow().asString();
            long revision = event.getValue("_revision").orElseThrow().asLong();
            assertThat(event.getValue("features/loop/properties/processValue")).isPresent();
            long expected = last.getOrDefault(id, 1L) + 1; // created at revision 1
            assertThat(revision).as("revision of %s", id).isEqualTo(expected);
            last.put(id, revision);
        }
        assertThat(last.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(THINGS + (long) total);
    }

    @Test
    void filtersByIdsNamespacesAndRql() throws Exception {
        Iterator<String> byFilter = open("?filter=" + URLEncoder.encode("eq(attributes/building,\"b1\")", StandardCharsets.UTF_8));
        Iterator<String> byIds = open("?ids=xinshengli:hvac-2&namespaces=xinshengli");
        for (Device d : devices) {
            long now = System.currentTimeMillis();
            api.store.apply(new Telemetry(d, Channel.TELEMETRY, Transport.MQTT, now, now,
                    Map.of("loop", Map.of("output", 50.0))), now);
        }
        List<String> filtered = List.of(id(next(byFilter)), id(next(byFilter)), id(next(byFilter)));
        assertThat(filtered).containsExactly("xinshengli:hvac-1", "xinshengli:hvac-3", "xinshengli:hvac-5");
        JsonObject only = next(byIds);
        assertThat(id(only)).isEqualTo("xinshengli:hvac-2");
        assertThat(only.getValue("features/loop/properties/output").orElseThrow().asDouble()).isEqualTo(50.0);
        assertThat(only.contains("_revision")).as("meta fields only when selected, as in Ditto").isFalse();
    }

    private Iterator<String> open(String query) throws Exception {
        HttpResponse<Stream<String>> r = ApiServer.HTTP.send(HttpRequest.newBuilder(api.uri("/api/2/things" + query))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
        return r.body().filter(line -> line.startsWith("data:")).iterator();
    }

    private static JsonObject next(Iterator<String> events) {
        return JsonFactory.newObject(events.next().substring("data:".length()));
    }

    private static String id(JsonObject event) {
        return event.getValue("thingId").orElseThrow().asString();
    }
}
