package io.parkops.twins.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.TwinChange;
import io.parkops.twins.TestTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twin store keeps a device's values as plain data and builds the Ditto thing when it is read:
 * what a reader, a listener and the disk see must be exactly what writing a Thing per message gave.
 */
class TwinStoreTest {

    private static final Device SENSOR = TestTypes.iaq("nanan", "iaq-1", "b1");
    private static final long T0 = 1_790_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aReaderSeesEveryValueAndTheRevisionOfTheLastMessage() {
        TwinStore store = new TwinStore(TestTypes.TYPES);
        store.create(SENSOR, T0);

        TwinChange first = store.apply(reading(Map.of("temperature", 21.5, "co2", 600.0)), T0 + 1_000);
        TwinChange second = store.apply(reading(Map.of("co2", 640.0)), T0 + 2_000);

        assertThat(second.revision()).isEqualTo(first.revision() + 1);
        Thing thing = store.find(SENSOR.id()).orElseThrow();
        assertThat(thing.getRevision().orElseThrow().toLong()).isEqualTo(second.revision());
        assertThat(thing.getModified().orElseThrow().toEpochMilli()).isEqualTo(T0 + 2_000);
        assertThat(thing.getCreated().orElseThrow().toEpochMilli()).isEqualTo(T0);
        assertThat(properties(thing)).isEqualTo(JsonFactory.newObjectBuilder()
                .set("temperature", 21.5).set("co2", 640.0).build());
        assertThat(thing.getAttributes().orElseThrow().getValue("type").orElseThrow().asString()).isEqualTo("iaq-sensor");
        assertThat(store.all()).containsExactly(thing);
    }

    @Test
    void aTwinMissingAtTheFirstMessageIsMadeFromTheDevice() {
        TwinStore store = new TwinStore(TestTypes.TYPES);
        TwinChange change = store.apply(reading(Map.of("co2", 700.0)), T0);

        Thing thing = store.find(SENSOR.id()).orElseThrow();
        assertThat(change.revision()).isEqualTo(2);
        assertThat(thing.getDefinition()).isPresent();
        assertThat(properties(thing).getValue("co2")).contains(JsonValue.of(700.0));
    }

    @Test
    void aListenerSeesEachChangeAtItsOwnRevisionAndTheMessagePatch() {
        TwinStore store = new TwinStore(TestTypes.TYPES);
        store.create(SENSOR, T0);
        List<String> seen = new ArrayList<>();
        store.subscribe(event -> {
            if (!event.deleted() && event.action() == ThingEvent.Action.MERGED) {
                Thing thing = event.thing();
                seen.add(event.revision() + " " + thing.getRevision().orElseThrow().toLong() + " " + event.type() + " "
                        + properties(thing).getValue("co2").orElseThrow() + " " + event.value());
            }
        });

        store.apply(reading(Map.of("co2", 600.0)), T0 + 1_000);
        store.apply(reading(Map.of("co2", 610.0)), T0 + 2_000);

        assertThat(seen).containsExactly(
                "2 2 iaq-sensor 600.0 {\"environment\":{\"properties\":{\"co2\":600.0}}}",
                "3 3 iaq-sensor 610.0 {\"environment\":{\"properties\":{\"co2\":610.0}}}");
    }

    @Test
    void anApiEditAfterDeviceMessagesKeepsTheirValuesAndTheRevisionsGoOn() {
        TwinStore store = new TwinStore(TestTypes.TYPES);
        store.create(SENSOR, T0);
        store.apply(reading(Map.of("temperature", 22.0)), T0 + 1_000);

        TwinStore.WriteResult edit = store.merge(SENSOR.id(), JsonPointer.of("/attributes/zone"), JsonValue.of("z9"),
                Preconditions.NONE, T0 + 2_000, "http");
        TwinChange after = store.apply(reading(Map.of("co2", 650.0)), T0 + 3_000);

        assertThat(edit.thing().getRevision().orElseThrow().toLong()).isEqualTo(3);
        assertThat(after.revision()).isEqualTo(4);
        Thing thing = store.find(SENSOR.id()).orElseThrow();
        assertThat(thing.getAttributes().orElseThrow().getValue("zone")).contains(JsonValue.of("z9"));
        assertThat(properties(thing)).isEqualTo(JsonFactory.newObjectBuilder()
                .set("temperature", 22.0).set("co2", 650.0).build());
    }

    @Test
    void theDiskGetsTheLatestValuesOfATwinWrittenManyTimesBetweenCommits() throws Exception {
        try (TwinPersistence persistence = TwinPersistence.open(dir, Duration.ofHours(1))) {
            TwinStore store = new TwinStore(TestTypes.TYPES, persistence);
            store.create(SENSOR, T0);
            for (int i = 0; i < 100; i++) {
                store.apply(reading(Map.of("co2", 400.0 + i)), T0 + i);
            }
            store.commitSoon().get(10, TimeUnit.SECONDS);
        }
        try (TwinPersistence reopened = TwinPersistence.open(dir, Duration.ofHours(1))) {
            Thing thing = new TwinStore(TestTypes.TYPES, reopened).find(SENSOR.id()).orElseThrow();
            assertThat(thing.getRevision().orElseThrow().toLong()).isEqualTo(101);
            assertThat(properties(thing).getValue("co2")).contains(JsonValue.of(499.0));
        }
    }

    @Test
    void writersOnSeveralThreadsAndReadersLoseNoRevisionAndNoValue() throws Exception {
        TwinStore store = new TwinStore(TestTypes.TYPES);
        store.create(SENSOR, T0);
        int writers = 4;
        int messages = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String property = "p" + w;
                done.add(pool.submit(() -> {
                    for (int i = 1; i <= messages; i++) {
                        store.apply(reading(Map.of(property, (double) i)), T0 + i);
                    }
                }));
            }
            Future<?> reader = pool.submit(() -> {
                long last = 0;
                while (last < 1 + (long) writers * messages) {
                    long revision = store.find(SENSOR.id()).orElseThrow().getRevision().orElseThrow().toLong();
                    assertThat(revision).isGreaterThanOrEqualTo(last);
                    last = revision;
                }
            });
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Thing thing = store.find(SENSOR.id()).orElseThrow();
        assertThat(thing.getRevision().orElseThrow().toLong()).isEqualTo(1 + (long) writers * messages);
        for (int w = 0; w < writers; w++) {
            assertThat(properties(thing).getValue("p" + w)).contains(JsonValue.of((double) messages));
        }
    }

    private static Telemetry reading(Map<String, Object> values) {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("environment", new LinkedHashMap<>(values));
        return new Telemetry(SENSOR, Channel.TELEMETRY, Transport.MQTT, T0, T0, features);
    }

    private static JsonObject properties(Thing thing) {
        // as a plain JSON object: Ditto's FeatureProperties equals only its own kind
        return JsonFactory.newObject(thing.getFeatures().orElseThrow().getFeature("environment").orElseThrow()
                .getProperties().orElseThrow().toString());
    }
}
