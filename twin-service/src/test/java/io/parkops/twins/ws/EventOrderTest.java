package io.parkops.twins.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.twins.TestTypes;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every event on /ws/2 parses with ditto-protocol, and no event of a thing is lost or reordered. */
@Timeout(60)
class EventOrderTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentUpdatesArriveCompleteAndInRevisionOrderPerThing() throws Exception {
        TwinStore store = new TwinStore(TestTypes.TYPES);
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            devices.add(TestTypes.hvac("nanan", "hvac-" + i, "b1"));
            store.create(devices.get(i), 1);
        }
        Router router = Router.router(vertx);
        new DittoWebSocket(store).mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = vertx.createWebSocketClient().connect(server.actualPort(), "127.0.0.1", "/ws/2").await(10, TimeUnit.SECONDS);
        ws.textMessageHandler(frames::add);
        ws.writeTextMessage("START-SEND-EVENTS?namespaces=nanan");
        assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("START-SEND-EVENTS:ACK");

        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int n = 0; n < perThread; n++) {
                    Device d = devices.get(n % devices.size());
                    store.apply(new Telemetry(d, Channel.TELEMETRY, Transport.COAP, n, n,
                            Map.of("loop", Map.of("output", (double) n))), System.currentTimeMillis());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

        DittoProtocolAdapter adapter = DittoProtocolAdapter.newInstance();
        Map<String, Long> last = new HashMap<>();
        for (int i = 0; i < 4 * perThread; i++) {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("event %d", i).isNotNull();
            var signal = adapter.fromAdaptable(ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(frame)));
            assertThat(signal).isInstanceOf(ThingMerged.class);
            ThingMerged merged = (ThingMerged) signal;
            String id = merged.getEntityId().toString();
            assertThat(merged.getRevision()).as("revision of %s", id).isEqualTo(last.getOrDefault(id, 1L) + 1);
            last.put(id, merged.getRevision());
        }
        ws.writeTextMessage("STOP-SEND-EVENTS");
        assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("STOP-SEND-EVENTS:ACK");
    }
}
