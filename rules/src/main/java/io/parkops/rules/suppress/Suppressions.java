package io.parkops.rules.suppress;

import io.parkops.model.Alert;
import io.parkops.rules.alerts.AlertStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Applies the {@link Suppressor} to the alert store: marks a transition before it is published,
 * and re-checks active alerts on the timer so that an alert that outlives its window or its
 * parent's alert is notified then. Writer side only (the rules verticle).
 */
public final class Suppressions {

    private final AlertStore store;
    private final Suppressor suppressor;

    public Suppressions(AlertStore store, Suppressor suppressor) {
        this.store = store;
        this.suppressor = suppressor;
    }

    /** The transition with its suppression mark brought up to date (and stored). */
    public Alert mark(Alert transition, long now) {
        if (!transition.state().isActive()) {
            return transition; // a clear keeps the mark the alert had: a suppressed alert's clear is not notified
        }
        String reason = suppressor.reason(transition, now, store.active());
        if (Objects.equals(reason, transition.suppressedBy())) {
            return transition;
        }
        Alert marked = transition.withSuppression(reason, now);
        store.put(marked);
        return marked;
    }

    /**
     * Active alerts whose mark changed since the last check (stored), to be published; only those
     * {@code mine} accepts (in a cluster, the alerts of things whose rules run on this node).
     */
    public List<Alert> recheck(long now, Predicate<Alert> mine) {
        List<Alert> changed = new ArrayList<>();
        for (Alert alert : store.active()) {
            if (!mine.test(alert)) {
                continue;
            }
            Alert marked = mark(alert, now);
            if (marked != alert) {
                changed.add(marked);
            }
        }
        return changed;
    }
}
