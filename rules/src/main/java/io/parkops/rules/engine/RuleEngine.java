package io.parkops.rules.engine;

import io.parkops.model.Device;
import io.parkops.model.DeviceType;
import io.parkops.model.DeviceTypes;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.rules.engine.ThingState.LevelState;
import io.parkops.rules.engine.condition.Evidence;
import io.parkops.rules.engine.condition.Facts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates rules against twin changes and the passing of time. Pure: no I/O and no clock of its
 * own; {@code now} is always an argument, so tests (and backtests) control time.
 *
 * <p>Every level of every rule on every twin moves between inactive and active: it becomes active
 * when its raise condition has held for the level's {@code for}, and inactive when its clear
 * condition has held for its clear {@code for}. The alert's severity is that of the highest active
 * level; an outcome is emitted only when it changes (raise, escalate, de-escalate, clear). A level
 * whose raise condition holds while a higher level is active counts as satisfied, so a major alert
 * dropping back under its limit de-escalates to the warning instead of clearing and re-raising.
 *
 * <p>Not thread-safe: one owner (the rules verticle) calls it.
 */
public final class RuleEngine {

    /** Used when a device type is not in the catalog. */
    static final long DEFAULT_INTERVAL_MILLIS = 60_000;
    /** A value older than this many reporting intervals is unknown (the deadman rule covers silence). */
    static final int STALE_INTERVALS = 3;

    private final DeviceTypes types;
    private final Map<ThingId, ThingState> things = new HashMap<>();
    private RuleSet rules;

    public RuleEngine(RuleSet rules, DeviceTypes types) {
        this.rules = rules;
        this.types = types;
    }

    /** Records the change's values as of {@code now} and evaluates the rules that apply to the twin. */
    public List<RuleOutcome> evaluate(TwinChange change, long now) {
        Device device = change.device();
        ThingState state = things.computeIfAbsent(device.id(), id -> new ThingState(device));
        state.device = device;
        state.lastSeen = now;
        List<Rule> applicable = rules.rulesFor(device);
        change.features().forEach((feature, props) -> props.forEach((property, value) -> {
            String path = feature + '.' + property;
            state.record(path, value, now, rules.historyMillis(path));
        }));
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (Rule rule : applicable) {
            evaluateRule(rule, state, now, outcomes);
        }
        return outcomes;
    }

    /** Re-evaluates the time-dependent rules of every known twin: deadman, durations, settling. */
    public List<RuleOutcome> tick(long now) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (ThingState state : things.values()) {
            for (Rule rule : rules.rulesFor(state.device)) {
                if (rule.timeDependent()) {
                    evaluateRule(rule, state, now, outcomes);
                }
            }
        }
        return outcomes;
    }

    /**
     * Forgets the progress of one rule on one twin, after its alert was cleared by hand: the rule
     * must raise afresh (its {@code for} included) before a new alert appears.
     */
    public void reset(ThingId thing, String ruleId) {
        ThingState state = things.get(thing);
        if (state != null && state.rules.remove(ruleId) != null) {
            state.dirty = true;
        }
    }

    /**
     * Swaps the rule set (hot reload). Progress is kept for rules whose definition is unchanged and
     * dropped for changed or removed ones; the caller clears the alerts of rules that are gone.
     */
    public void replaceRules(RuleSet next) {
        for (ThingState state : things.values()) {
            if (state.rules.keySet().removeIf(id -> !next.find(id).equals(rules.find(id)))) {
                state.dirty = true;
            }
        }
        this.rules = next;
    }

    public RuleSet rules() {
        return rules;
    }

    /** The engine's memory, for persistence ({@link EngineStateCodec}); live objects, owner thread only. */
    Map<ThingId, ThingState> things() {
        return things;
    }

    private void evaluateRule(Rule rule, ThingState state, long now, List<RuleOutcome> outcomes) {
        long interval = intervalMillis(state.device.typeId());
        Facts facts = state.facts(now, interval, STALE_INTERVALS * interval);
        LevelState[] levels = state.levels(rule);
        int before = activeIndex(levels);
        boolean higherActive = false;
        for (int i = 0; i < levels.length; i++) {
            step(rule.levels().get(i), levels[i], facts, higherActive);
            higherActive |= levels[i].active;
        }
        int after = activeIndex(levels);
        if (after != before) {
            state.dirty = true;
            Level shown = rule.levels().get(after >= 0 ? after : before);
            Evidence evidence = after >= 0 ? shown.raise().evidence(facts) : shown.clear().evidence(facts);
            Severity severity = after >= 0 ? shown.severity() : null;
            outcomes.add(new RuleOutcome(rule, state.device, severity, evidence.value(), evidence.threshold(),
                    rule.messageOf(shown), now));
        }
    }

    private static void step(Level level, LevelState s, Facts facts, boolean higherActive) {
        long now = facts.now();
        if (!s.active) {
            Boolean raise = level.raise().test(facts);
            if (Boolean.TRUE.equals(raise)) {
                s.raiseSince = s.raiseSince < 0 ? now : s.raiseSince;
                if (higherActive || now - s.raiseSince >= level.raiseForMillis()) {
                    s.active = true;
                    s.raiseSince = -1;
                    s.clearSince = -1;
                }
            } else if (Boolean.FALSE.equals(raise)) {
                s.raiseSince = -1;
            }
            return;
        }
        Boolean clear = level.clear().test(facts);
        if (Boolean.TRUE.equals(clear)) {
            s.clearSince = s.clearSince < 0 ? now : s.clearSince;
            if (now - s.clearSince >= level.clearForMillis()) {
                s.active = false;
                s.clearSince = -1;
                s.raiseSince = -1;
            }
        } else if (Boolean.FALSE.equals(clear)) {
            s.clearSince = -1;
        }
    }

    private static int activeIndex(LevelState[] levels) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].active) {
                return i;
            }
        }
        return -1;
    }

    private long intervalMillis(String typeId) {
        return types.find(typeId).map(DeviceType::reportingIntervalSeconds).map(s -> s * 1000L)
                .orElse(DEFAULT_INTERVAL_MILLIS);
    }
}
