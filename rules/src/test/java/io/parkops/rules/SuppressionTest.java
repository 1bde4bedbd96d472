package io.parkops.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.AlertEvent;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.engine.RuleSet;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Suppression by maintenance window and by parent topology, through the real rules verticle and default rules. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class SuppressionTest {

    private static final Device ONT = new Device(ThingId.of("nanan", "ont-1"), "ont", Map.of());
    private static final Device LEAK = new Device(ThingId.of("nanan", "leak-1"), "leak-sensor", Map.of("parent", "ont-1"));
    private static final Device LEAK_IN_WORKS = new Device(ThingId.of("nanan", "leak-9"), "leak-sensor", Map.of("zone", "z9"));

    @TempDir
    Path dataDir;
    private final List<Alert> published = new CopyOnWriteArrayList<>();

    @Test
    void childAlertsAreSuppressedWhileTheParentIsCriticalAndNotifiedWhenTheyOutliveIt(Vertx vertx, VertxTestContext ctx)
            throws Exception {
        Instant now = Instant.now();
        Files.writeString(dataDir.resolve("maintenance.json"), "{\"windows\": [{\"id\": \"mw-1\", \"tenant\": \"nanan\", "
                + "\"zone\": \"z9\", \"from\": \"" + now.minusSeconds(60) + "\", \"to\": \"" + now.plusSeconds(3600) + "\"}]}");
        LocalCodec.registerAll(vertx);
        vertx.eventBus().<Alert>localConsumer(Addresses.ALERT_CHANGED, m -> published.add(m.body()));
        RulesVerticle verticle = new RulesVerticle(new RulesConfig(dataDir, Duration.ofMillis(100), Duration.ofMillis(100)),
                RuleSet.builtin(), new AlertStore(), typeId -> Optional.empty());
        vertx.deployVerticle(verticle)
                .compose(id -> {
                    change(vertx, ONT, "optical", "linkUp", false);
                    change(vertx, LEAK, "leak", "wet", true);
                    change(vertx, LEAK_IN_WORKS, "leak", "wet", true);
                    return RulesVerticleTest.eventually(vertx, () -> published.size() == 3);
                })
                .compose(v -> {
                    ctx.verify(() -> {
                        Alert parent = find("ont-1");
                        assertThat(parent.isSuppressed()).isFalse();
                        assertThat(find("leak-1").suppressedBy()).isEqualTo("parent:" + parent.id());
                        assertThat(find("leak-9").suppressedBy()).isEqualTo("maintenance:mw-1");
                    });
                    change(vertx, ONT, "optical", "linkUp", true);
                    return RulesVerticleTest.eventually(vertx, () -> published.size() == 5);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    Alert child = published.get(4);
                    assertThat(child.thingId().deviceId()).isEqualTo("leak-1");
                    assertThat(child.isSuppressed()).as("outlived the parent's alert: notified now").isFalse();
                    assertThat(child.history()).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.RAISED,
                            AlertEvent.Kind.SUPPRESSED, AlertEvent.Kind.UNSUPPRESSED);
                    assertThat(find("leak-9").isSuppressed()).isTrue();
                    ctx.completeNow();
                })));
    }

    private Alert find(String deviceId) {
        return published.stream().filter(a -> a.thingId().deviceId().equals(deviceId)).reduce((a, b) -> b).orElseThrow();
    }

    private static void change(Vertx vertx, Device device, String feature, String property, Object value) {
        vertx.eventBus().publish(Addresses.TWIN_CHANGED, new TwinChange(device, 1, System.currentTimeMillis(),
                Map.of(feature, Map.of(property, value))));
    }
}
