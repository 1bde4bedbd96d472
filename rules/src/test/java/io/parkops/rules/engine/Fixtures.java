package io.parkops.rules.engine;

import io.parkops.model.Device;
import io.parkops.model.DeviceTypes;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Devices, rules and a controllable clock shared by the engine tests. */
final class Fixtures {

    static final long SEC = 1000;
    static final long MIN = 60 * SEC;
    /** No catalog: every type reports every 60 s (the engine's default). */
    static final DeviceTypes NO_TYPES = typeId -> Optional.empty();

    private Fixtures() {
    }

    static Device device(String type, String deviceId) {
        return new Device(ThingId.of("nanan", deviceId), type, Map.of("building", "b1"));
    }

    static RuleSet rules(String json) {
        return RuleSet.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    /** One twin under test with a clock that only moves when the test says so. */
    static final class Twin {
        final RuleEngine engine;
        final Device device;
        long now = 1_000_000;

        Twin(RuleEngine engine, Device device) {
            this.engine = engine;
            this.device = device;
        }

        /** Reports {@code feature.property = value, ...} at the current time. */
        List<RuleOutcome> report(Object... pathsAndValues) {
            Map<String, Map<String, Object>> features = new HashMap<>();
            for (int i = 0; i < pathsAndValues.length; i += 2) {
                String[] path = ((String) pathsAndValues[i]).split("\\.");
                features.computeIfAbsent(path[0], f -> new HashMap<>()).put(path[1], pathsAndValues[i + 1]);
            }
            return engine.evaluate(new TwinChange(device, 1, now, features), now);
        }

        Twin after(long millis) {
            now += millis;
            return this;
        }

        List<RuleOutcome> tick() {
            return engine.tick(now);
        }
    }
}
