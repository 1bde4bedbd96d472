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
        read.lock();
        try {
            return book.all().stream().filter(filter::matches).sorted(NEWEST_FIRST).toList();
        } finally {
            read.unlock();
        }
    }

    public Optional<Alert> get(String id) {
        read.lock();
        try {
            return book.get(id);
        } finally {
            read.unlock();
        }
    }

    /** Writer only (the rules verticle): applies outcomes, returns the transitions in order. */
    public List<Alert> record(List<RuleOutcome> outcomes, long now) {
        write.lock();
        try {
            return book.applyAll(outcomes, now);
        } finally {
            write.unlock();
        }
    }

    /** Writer only (the rules verticle): see {@link AlertBook#acknowledge}. */
    public Optional<Alert> acknowledge(String id, String by, String note, long now) {
        write.lock();
        try {
            return book.acknowledge(id, by, note, now);
        } finally {
            write.unlock();
        }
    }

    /** Writer only (the rules verticle): see {@link AlertBook#clearByHand}. */
    public Optional<Alert> clearByHand(String id, String by, String note, long now) {
        write.lock();
        try {
            return book.clearByHand(id, by, note, now);
        } finally {
            write.unlock();
        }
    }

    /** Writer only: stores a new version of an alert (suppression marks, restore from disk). */
    public void put(Alert alert) {
        write.lock();
        try {
            book.put(alert);
        } finally {
            write.unlock();
        }
    }

    /** The active alerts. */
    public List<Alert> active() {
        read.lock();
        try {
            return book.active();
        } finally {
            read.unlock();
        }
    }

    /** Writer only: see {@link AlertBook#drainEvicted}. */
    public List<String> drainEvicted() {
        write.lock();
        try {
            return book.drainEvicted();
        } finally {
            write.unlock();
        }
    }
}
