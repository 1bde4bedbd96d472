package io.parkops.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import io.parkops.rules.engine.ThingState.LevelState;
import io.parkops.rules.engine.ThingState.Point;
import io.parkops.rules.engine.ThingState.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Saves and restores the engine's memory of each twin as JSON text, so that running {@code for}
 * durations, deadman timers, settling times and rate windows survive a restart.
 */
public final class EngineStateCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineStateCodec() {
    }

    /** The twins whose memory changed since the last call, as thing id to JSON text; clears the marks. */
    public static Map<String, String> takeDirty(RuleEngine engine) {
        Map<String, String> out = new HashMap<>();
        engine.things().forEach((id, state) -> {
            if (state.dirty) {
                out.put(id.dittoId(), encode(state));
                state.dirty = false;
            }
        });
        return out;
    }

    /** Restores saved twins into the engine (at start, before any evaluation). */
    public static void restore(RuleEngine engine, Map<String, String> saved) {
        saved.forEach((id, text) -> {
            ThingState state = decode(text);
            engine.things().put(ThingId.parseDitto(id), state);
        });
    }

    /** How many twins the engine remembers. */
    public static int size(RuleEngine engine) {
        return engine.things().size();
    }

    /** Forgets the twins {@code which} accepts (their rules now run on another node). */
    public static void forget(RuleEngine engine, Predicate<ThingId> which) {
        engine.things().keySet().removeIf(which);
    }

    static String encode(ThingState s) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode device = root.putObject("device");
        device.put("tenant", s.device.id().tenant()).put("deviceId", s.device.id().deviceId()).put("type", s.device.typeId());
        ObjectNode attrs = device.putObject("attributes");
        s.device.attributes().forEach(attrs::put);
        root.put("lastSeen", s.lastSeen);
        ObjectNode latest = root.putObject("latest");
        s.latest.forEach((path, sample) -> {
            ObjectNode n = latest.putObject(path);
            n.set("v", node(sample.value()));
            n.put("at", sample.at());
        });
        ObjectNode changed = root.putObject("changedAt");
        s.changedAt.forEach(changed::put);
        ObjectNode history = root.putObject("history");
        s.history.forEach((path, points) -> {
            ArrayNode a = history.putArray(path);
            points.forEach(p -> a.addArray().add(p.at()).add(p.value()));
        });
        ObjectNode rules = root.putObject("rules");
        s.rules.forEach((ruleId, levels) -> {
            ArrayNode a = rules.putArray(ruleId);
            for (LevelState l : levels) {
                a.addObject().put("active", l.active).put("raiseSince", l.raiseSince).put("clearSince", l.clearSince);
            }
        });
        return root.toString();
    }

    /** Numbers, text and booleans (nearly every value) directly; valueToTree, which serialises through a buffer, for the rest. */
    private static JsonNode node(Object value) {
        JsonNodeFactory f = JSON.getNodeFactory();
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof String text) {
            return f.textNode(text);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return JSON.valueToTree(value);
    }

    static ThingState decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("saved rule state is not JSON", e);
        }
        JsonNode d = root.get("device");
        Map<String, String> attrs = new HashMap<>();
        d.get("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
        ThingState s = new ThingState(new Device(ThingId.of(d.get("tenant").asText(), d.get("deviceId").asText()),
                d.get("type").asText(), attrs));
        s.lastSeen = root.get("lastSeen").asLong();
        root.get("latest").fields().forEachRemaining(e ->
                s.latest.put(e.getKey(), new Sample(value(e.getValue().get("v")), e.getValue().get("at").asLong())));
        root.get("changedAt").fields().forEachRemaining(e -> s.changedAt.put(e.getKey(), e.getValue().asLong()));
        root.get("history").fields().forEachRemaining(e -> {
            Deque<Point> points = new ArrayDeque<>();
            e.getValue().forEach(p -> points.add(new Point(p.get(0).asLong(), p.get(1).asDouble())));
            s.history.put(e.getKey(), points);
        });
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("rules").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            LevelState[] levels = new LevelState[e.getValue().size()];
            for (int i = 0; i < levels.length; i++) {
                JsonNode n = e.getValue().get(i);
                levels[i] = new LevelState();
                levels[i].active = n.get("active").asBoolean();
                levels[i].raiseSince = n.get("raiseSince").asLong();
                levels[i].clearSince = n.get("clearSince").asLong();
            }
            s.rules.put(e.getKey(), levels);
        }
        return s;
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isNumber() ? (Object) v.asDouble() : v.asText();
    }
}
