package io.parkops.rules.alerts;

import io.parkops.model.Alert;
import io.parkops.rules.engine.AlertBook;
import io.parkops.rules.engine.RuleOutcome;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Thread-safe access to the {@link AlertBook}: the HTTP side reads from any event loop, the rules
 * verticle is the only writer. Keeping one writer keeps the order of published transitions equal
 * to the order in which the book made them (an ack and a clear racing from two threads could
 * otherwise reach subscribers backwards).
 */
public final class AlertStore {

    /** Newest raised first; ties (same ms) by most recently updated, then id for a stable order. */
    static final Comparator<Alert> NEWEST_FIRST = Comparator.comparingLong(Alert::raisedAt).reversed()
            .thenComparing(Comparator.comparingLong(Alert::updatedAt).reversed())
            .thenComparing(Alert::id);

    private final AlertBook book;
    private final Lock read;
    private final Lock write;

    public AlertStore() {
        this(new AlertBook());
    }

    public AlertStore(AlertBook book) {
        this.book = book;
        ReadWriteLock lock = new ReentrantReadWriteLock();
        this.read = lock.readLock();
        this.write = lock.writeLock();
    }

    /** The alerts that match, newest first. */
    public List<Alert> list(AlertFilter filter) {
        return reading(() -> book.all().stream().filter(filter::matches).sorted(NEWEST_FIRST).toList());
    }

    public Optional<Alert> get(String id) {
        return reading(() -> book.get(id));
    }

    /** Writer only (the rules verticle): applies outcomes, returns the transitions in order. */
    public List<Alert> record(List<RuleOutcome> outcomes, long now) {
        return writing(() -> book.applyAll(outcomes, now));
    }

    /** Writer only (the rules verticle): see {@link AlertBook#acknowledge}. */
    public Optional<Alert> acknowledge(String id, String by, String note, long now) {
        return writing(() -> book.acknowledge(id, by, note, now));
    }

    /** Writer only (the rules verticle): see {@link AlertBook#clearByHand}. */
    public Optional<Alert> clearByHand(String id, String by, String note, long now) {
        return writing(() -> book.clearByHand(id, by, note, now));
    }

    /** Writer only: stores a new version of an alert (suppression marks, restore from disk). */
    public void put(Alert alert) {
        writing(() -> { book.put(alert); return null; });
    }

    /** The active alerts. */
    public List<Alert> active() {
        return reading(() -> book.active());
    }

    /** Writer only: see {@link AlertBook#drainEvicted}. */
    public List<Alert> drainEvicted() {
        return writing(() -> book.drainEvicted());
    }

    /** How many alerts are in {@code state} with {@code severity} now (for the metrics; no sorting, no copy). */
    public long count(io.parkops.model.AlertState state, io.parkops.model.Severity severity) {
        return reading(() -> book.all().stream().filter(a -> a.state() == state && a.severity() == severity).count());
    }

    private <T> T reading(java.util.function.Supplier<T> action) {
        read.lock();
        try {
            return action.get();
        } finally {
            read.unlock();
        }
    }

    private <T> T writing(java.util.function.Supplier<T> action) {
        write.lock();
        try {
            return action.get();
        } finally {
            write.unlock();
        }
    }
}
