package io.parkops.rules.engine;

import io.parkops.model.Alert;
import io.parkops.model.AlertEvent;
import io.parkops.model.AlertState;
import io.parkops.model.ThingId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
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
 *   <li>At most one active alert per (thing, rule). An outcome with a severity raises a new alert
 *       ({@code ACTIVE_UNACK}) or, when one is active, moves it to that severity (escalation makes
 *       it unacknowledged again); every change is kept in the alert's history with its time.</li>
 *   <li>An outcome without severity clears the active alert ({@code CLEARED_UNACK}, or
 *       {@code CLEARED_ACK} when it was acknowledged); so does a person ({@link #clearByHand}).
 *       The next raise makes a new alert with a new id.</li>
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
    private final LinkedHashSet<String> closed = new LinkedHashSet<>();
    /** Alerts forgotten since the last {@link #drainEvicted()}, so the store (or the cluster's log) can forget them too. */
    private final List<Alert> evicted = new ArrayList<>();

    public AlertBook() {
        this(DEFAULT_MAX_CLOSED);
    }

    /** Keeps the newest {@code maxClosed} cleared alerts; new alerts get random UUIDs. */
    public AlertBook(int maxClosed) {
        this(maxClosed, () -> UUID.randomUUID().toString());
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

    /** Applies one rule outcome: raises, escalates, de-escalates, clears, or does nothing. */
    public Optional<Alert> apply(RuleOutcome outcome, long now) {
        Key key = new Key(outcome.device().id(), outcome.rule().id());
        String activeId = activeByKey.get(key);
        if (activeId == null) {
            return outcome.clears() ? Optional.empty() : Optional.of(raise(key, outcome, now));
        }
        Alert active = byId.get(activeId);
        if (outcome.clears()) {
            return Optional.of(close(key, active.cleared(outcome.value(), now)));
        }
        if (outcome.severity() == active.severity()) {
            return Optional.empty();
        }
        Alert moved = active.withSeverity(outcome.severity(), outcome.value(), outcome.threshold(), outcome.message(), now);
        byId.put(activeId, moved);
        return Optional.of(moved);
    }

    /** Clears an active alert by hand; empty when the id is unknown or the alert is not active. */
    public Optional<Alert> clearByHand(String id, String by, String note, long now) {
        Alert current = byId.get(id);
        if (current == null || !current.state().isActive()) {
            return Optional.empty();
        }
        return Optional.of(close(new Key(current.thingId(), current.ruleId()), current.clearedBy(by, note, now)));
    }

    /** Replaces the stored version of an alert (suppression marks, restore from disk). */
    public void put(Alert alert) {
        byId.put(alert.id(), alert);
        Key key = new Key(alert.thingId(), alert.ruleId());
        if (alert.state().isActive()) {
            activeByKey.put(key, alert.id());
        } else {
            if (alert.id().equals(activeByKey.get(key))) {
                activeByKey.remove(key);
            }
            if (closed.add(alert.id())) {
                evict();
            }
        }
    }

    /** Every active alert, in no particular order. */
    public List<Alert> active() {
        return activeByKey.values().stream().map(byId::get).toList();
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

    /** The cleared alerts forgotten since the last call. */
    public List<Alert> drainEvicted() {
        List<Alert> forgotten = List.copyOf(evicted);
        evicted.clear();
        return forgotten;
    }

    public int size() {
        return byId.size();
    }

    private Alert raise(Key key, RuleOutcome outcome, long now) {
        AlertEvent raised = new AlertEvent(now, AlertEvent.Kind.RAISED, outcome.severity(), outcome.value(), null, null);
        Alert alert = new Alert(newId.get(), outcome.device(), outcome.rule().id(), outcome.severity(),
                AlertState.ACTIVE_UNACK, outcome.value(), outcome.threshold(), outcome.message(), now, now, null, null,
                List.of(raised), null);
        byId.put(alert.id(), alert);
        activeByKey.put(key, alert.id());
        return alert;
    }

    private Alert close(Key key, Alert cleared) {
        byId.put(cleared.id(), cleared);
        activeByKey.remove(key);
        closed.add(cleared.id());
        evict();
        return cleared;
    }

    private void evict() {
        Iterator<String> oldest = closed.iterator();
        while (closed.size() > maxClosed && oldest.hasNext()) {
            String id = oldest.next();
            Alert forgotten = byId.remove(id);
            if (forgotten != null) {
                evicted.add(forgotten);
            }
            oldest.remove();
        }
    }

    private record Key(ThingId thing, String ruleId) {
    }
}
