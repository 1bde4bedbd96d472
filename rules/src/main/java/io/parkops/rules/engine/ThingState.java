package io.parkops.rules.engine;

import io.parkops.model.Device;
import io.parkops.rules.engine.condition.Facts;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine remembers about one twin: the latest value of every property a rule reads,
 * when each was seen and last changed, a short history where a rate-of-change rule needs one, and
 * the state of every level of every rule. Mutable; owned by the engine (one thread).
 */
final class ThingState {

    /** One property's latest sample. */
    record Sample(Object value, long at) {
    }

    /** One (time, value) point of a property's history. */
    record Point(long at, double value) {
    }

    /** One level's progress: active, and since when its raise or clear condition has held (-1: not holding). */
    static final class LevelState {
        boolean active;
        long raiseSince = -1;
        long clearSince = -1;
    }

    Device device;
    long lastSeen = -1;
    final Map<String, Sample> latest = new HashMap<>();
    final Map<String, Long> changedAt = new HashMap<>();
    final Map<String, Deque<Point>> history = new HashMap<>();
    /** Rule id to its levels' states, in the rule's level order (highest severity first). */
    final Map<String, LevelState[]> rules = new HashMap<>();
    boolean dirty;

    ThingState(Device device) {
        this.device = device;
    }

    void record(String path, Object raw, long at, long keepMillis) {
        // one number type, so that 20 and 20.0 are the same value (and stay so after a restore)
        Object value = raw instanceof Number n ? (Object) n.doubleValue() : raw;
        Sample previous = latest.put(path, new Sample(value, at));
        if (previous == null || !Objects.equals(previous.value(), value)) {
            changedAt.put(path, at);
        }
        if (keepMillis > 0 && value instanceof Number n && Double.isFinite(n.doubleValue())) {
            Deque<Point> points = history.computeIfAbsent(path, p -> new ArrayDeque<>());
            points.addLast(new Point(at, n.doubleValue()));
            while (!points.isEmpty() && points.peekFirst().at() < at - keepMillis) {
                points.removeFirst();
            }
        }
        dirty = true;
    }

    LevelState[] levels(Rule rule) {
        LevelState[] states = rules.get(rule.id());
        if (states == null || states.length != rule.levels().size()) {
            states = new LevelState[rule.levels().size()];
            for (int i = 0; i < states.length; i++) {
                states[i] = new LevelState();
            }
            rules.put(rule.id(), states);
        }
        return states;
    }

    /** The facts at {@code now}; values older than {@code staleMillis} count as unknown. */
    Facts facts(long now, long intervalMillis, long staleMillis) {
        return new Facts() {
            @Override
            public long now() {
                return now;
            }

            @Override
            public Object value(String path) {
                Sample s = latest.get(path);
                return s == null || now - s.at() > staleMillis ? null : s.value();
            }

            @Override
            public double extreme(String path, long from, boolean max) {
                Deque<Point> points = history.get(path);
                double best = Double.NaN;
                if (points != null) {
                    for (Point p : points) {
                        if (p.at() >= from && (Double.isNaN(best) || (max ? p.value() > best : p.value() < best))) {
                            best = p.value();
                        }
                    }
                }
                return best;
            }

            @Override
            public long lastSeen(String path) {
                if (path.equals("*")) {
                    return lastSeen;
                }
                Sample s = latest.get(path);
                return s == null ? -1 : s.at();
            }

            @Override
            public long lastChange(String path) {
                return changedAt.getOrDefault(path, -1L);
            }

            @Override
            public long intervalMillis() {
                return intervalMillis;
            }
        };
    }
}
