package io.parkops.twins.ditto;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.twins.TestTypes;
import io.parkops.twins.store.TwinStore;
import io.parkops.twins.ws.DittoWebSocket;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.signals.commands.modify.CreateThing;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Ditto backend against ParkOps' own {@code /ws/2} standing in for Ditto: every message it
 * sends parses with ditto-protocol as a CreateThing or MergeThing, updates are coalesced, and the
 * latest state survives the far side going away and coming back.
 */
@Timeout(90)
class DittoBackendTest {

    private final Vertx vertx = Vertx.vertx();
    private final TwinStore dittoSide = new TwinStore(TestTypes.TYPES);
    private final Queue<String> frames = new ConcurrentLinkedQueue<>();
    private DittoTwinSync sync;

    @AfterEach
    void stop() throws Exception {
        if (sync != null) {
            sync.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void keepsDittoCurrentWithCoalescedValidMessagesAcrossARestart() throws Exception {
        HttpServer server = serve(0);
        int port = server.actualPort();
        sync = new DittoTwinSync(DittoBackendConfig.parse("ws://ditto:ditto@127.0.0.1:" + port, Duration.ofMillis(200)),
                TestTypes.TYPES);
        List<Device> devices = List.of(TestTypes.hvac("xinshengli", "hvac-1", "h1"), TestTypes.hvac("xinshengli", "hvac-2", "h1"),
                TestTypes.iaq("north-park", "iaq-1", "n1"));
        for (int n = 0; n < 100; n++) {
            for (Device d : devices) {
                sync.offer(new TwinChange(d, n, n, Map.of(d.typeId().equals("hvac-loop") ? "loop" : "environment",
                        Map.of(d.typeId().equals("hvac-loop") ? "processValue" : "temperature", (double) n))));
            }
        }
        await(() -> value(devices.get(0), "/features/loop/properties/processValue") == 99.0
                && value(devices.get(2), "/features/environment/properties/temperature") == 99.0);
        assertThat(dittoSide.find(devices.get(2).id()).orElseThrow().getDefinition().orElseThrow().toString())
                .isEqualTo("io.parkops:iaq-sensor:1.0.0");
        assertThat(dittoSide.find(devices.get(2).id()).orElseThrow().getEntityId().orElseThrow().toString())
                .isEqualTo("north.park:iaq-1");

        DittoProtocolAdapter adapter = DittoProtocolAdapter.newInstance();
        long commands = frames.stream().filter(f -> f.startsWith("{")).peek(f -> assertThat(adapter.fromAdaptable(
                        ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(f))))
                .isInstanceOfAny(CreateThing.class, MergeThing.class)).count();
        assertThat(commands).as("300 changes coalesced").isLessThan(60);

        server.close().await(10, TimeUnit.SECONDS); // Ditto goes away
        sync.offer(new TwinChange(devices.get(1), 200, 200, Map.of("loop", Map.of("setpoint", 25.5))));
        Thread.sleep(1500);
        serve(port); // and comes back
        await(() -> value(devices.get(1), "/features/loop/properties/setpoint") == 25.5);
        assertThat(value(devices.get(1), "/features/loop/properties/processValue")).isEqualTo(99.0);
    }

    private HttpServer serve(int port) throws Exception {
        Router router = Router.router(vertx);
        new DittoWebSocket(dittoSide).tapFrames(frames::add).mount(router);
        return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    private double value(Device device, String pointer) {
        return dittoSide.find(ThingId.of(device.id().tenant(), device.id().deviceId()))
                .flatMap(t -> t.toJson().getValue(JsonPointer.of(pointer)))
                .map(v -> v.asDouble()).orElse(Double.NaN);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 40 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
