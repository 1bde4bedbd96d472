package io.parkops.rules.engine;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.ThingId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The alert lifecycle, with no I/O and no clock of its own ({@code now} is always a parameter).
 *
 * <ul>
 *   <li>At most one active alert per (thing, rule). A breach with none raises a new alert
 *       ({@code ACTIVE_UNACK}); further breaches while it is active change nothing.</li>
 *   <li>A value back within the limit clears the active alert ({@code CLEARED_UNACK}, or
 *       {@code CLEARED_ACK} when it was acknowledged). The next breach raises a new alert with a
 *       new id.</li>
 *   <li>Acknowledging works before or after clearing.</li>
 *   <li>Cleared alerts stay queryable; only the newest {@code maxClosed} are kept.</li>
 * </ul>
 * Every method returns the transition it made (the new {@link Alert} version) or empty.
 *
 * <p>Not thread-safe: one owner (the rules verticle) calls it; {@code AlertStore} guards reads.
 */
public final class AlertBook {

    public static final int DEFAULT_MAX_CLOSED = 10_000;

    private final int maxClosed;
    private final Supplier<String> newId;
    private final Map<String, Alert> byId = new HashMap<>();
    private final Map<Key, String> activeByKey = new HashMap<>();
    /** Ids of cleared alerts, oldest clear first; the eviction order. */
    private final Deque<String> closed = new ArrayDeque<>();

    public AlertBook() {
        this(DEFAULT_MAX_CLOSED, () -> UUID.randomUUID().toString());
    }

    /**
     * @param maxClosed how many cleared alerts to keep for queries (the oldest are forgotten)
     * @param newId     gives the id of each new alert; must not repeat
     */
    public AlertBook(int maxClosed, Supplier<String> newId) {
        if (maxClosed < 0) {
            throw new IllegalArgumentException("maxClosed must be >= 0, got " + maxClosed);
        }
        this.maxClosed = maxClosed;
        this.newId = newId;
    }

    /** Applies one rule outcome: raises, clears, or does nothing. */
    public Optional<Alert> apply(RuleOutcome outcome, long now) {
        Key key = new Key(outcome.device().id(), outcome.rule().id());
        String activeId = activeByKey.get(key);
        if (outcome.breached() && activeId == null) {
            return Optional.of(raise(key, outcome, now));
        }
        if (!outcome.breached() && activeId != null) {
            return Optional.of(clear(key, byId.get(activeId), outcome.value(), now));
        }
        return Optional.empty();
    }

    /** Applies outcomes in order; returns the transitions in the same order. */
    public List<Alert> applyAll(Collection<RuleOutcome> outcomes, long now) {
        List<Alert> transitions = new ArrayList<>();
        for (RuleOutcome outcome : outcomes) {
            apply(outcome, now).ifPresent(transitions::add);
        }
        return transitions;
    }

    /**
     * Acknowledges an alert, active or cleared. Empty when the id is unknown (or forgotten) or the
     * alert is already acknowledged: a second acknowledgement keeps the first one's author and note.
     */
    public Optional<Alert> acknowledge(String id, String by, String note, long now) {
        Alert current = byId.get(id);
        if (current == null || current.state().isAcknowledged()) {
            return Optional.empty();
        }
        Alert acked = current.acknowledged(by, note, now);
        byId.put(id, acked);
        return Optional.of(acked);
    }

    public Optional<Alert> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The active alert of a rule on a thing, if any. */
    public Optional<Alert> active(ThingId thing, String ruleId) {
        return Optional.ofNullable(activeByKey.get(new Key(thing, ruleId))).map(byId::get);
    }

    /** Every alert the book knows (active and kept cleared ones), in no particular order. */
    public List<Alert> all() {
        return new ArrayList<>(byId.values());
    }

    public int size() {
        return byId.size();
    }

    private Alert raise(Key key, RuleOutcome outcome, long now) {
        ThresholdRule rule = outcome.rule();
        Alert alert = new Alert(newId.get(), outcome.device(), rule.id(), rule.severity(), AlertState.ACTIVE_UNACK,
                outcome.value(), rule.threshold(), rule.message(), now, now, null, null);
        byId.put(alert.id(), alert);
        activeByKey.put(key, alert.id());
        return alert;
    }

    private Alert clear(Key key, Alert active, double value, long now) {
        Alert cleared = active.cleared(value, now);
        byId.put(cleared.id(), cleared);
        activeByKey.remove(key);
        closed.addLast(cleared.id());
        while (closed.size() > maxClosed) {
            byId.remove(closed.removeFirst());
        }
        return cleared;
    }

    private record Key(ThingId thing, String ruleId) {
    }
}
