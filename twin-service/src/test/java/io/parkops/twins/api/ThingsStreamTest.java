package io.parkops.twins.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.http.EventStreams;
import io.parkops.twins.TestTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
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
        new ThingsStream(api.store, EventStreams.uncounted()).mount(api.router);
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
        new ThingsStream(api.store, EventStreams.uncounted()).mount(api.router);
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

    @Test
    void cutsOffAClientThatReadsSlowerThanItsEventsComeAndKeepsServingTheOthers() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        new ThingsStream(api.store, new EventStreams(metrics, 64 * 1024)).mount(api.router);
        Iterator<String> reader = open("?ids=xinshengli:hvac-0");
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", api.port()), 5_000);
            stalled.setSoTimeout(30_000);
            stalled.getOutputStream().write(("GET /api/2/things HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            readUntil(stalled.getInputStream(), ":\n\n"); // subscribed; from now on it reads nothing
            Counter cuts = metrics.find("parkops.event.streams.cut").tag("stream", "things").counter();
            String big = "x".repeat(2_000);
            for (int n = 0; n < 20_000 && (cuts == null || cuts.count() == 0); n++) {
                long now = System.currentTimeMillis();
                api.store.apply(new Telemetry(devices.get(1 + n % (THINGS - 1)), Channel.TELEMETRY, Transport.MQTT, now, now,
                        Map.of("loop", Map.of("mode", big + n))), now);
                cuts = metrics.find("parkops.event.streams.cut").tag("stream", "things").counter();
            }
            assertThat(cuts).as("the stalled client's stream was cut").isNotNull();
            assertThat(cuts.count()).isEqualTo(1.0);
            assertThat(drain(stalled.getInputStream())).as("the stalled client sees its stream end").isTrue();
        }
        long now = System.currentTimeMillis();
        api.store.apply(new Telemetry(devices.get(0), Channel.TELEMETRY, Transport.MQTT, now, now,
                Map.of("loop", Map.of("output", 42.0))), now);
        JsonObject event = next(reader);
        assertThat(id(event)).isEqualTo("xinshengli:hvac-0");
        assertThat(event.getValue("features/loop/properties/output").orElseThrow().asDouble()).isEqualTo(42.0);
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the stream ended before '" + marker.strip() + "'; read: " + seen);
            }
            seen.append((char) b);
        }
    }

    /** Reads to the end; true when the server closed the connection (an end of stream or a reset). */
    private static boolean drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // what the socket buffers held before the cut
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
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
