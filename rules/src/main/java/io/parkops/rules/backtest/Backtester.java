package io.parkops.rules.backtest;

import io.parkops.model.Alert;
import io.parkops.model.DeviceTypes;
import io.parkops.model.TwinChange;
import io.parkops.rules.engine.AlertBook;
import io.parkops.rules.engine.Rule;
import io.parkops.rules.engine.RuleEngine;
import io.parkops.rules.engine.RuleSet;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays history through a fresh engine holding one rule, the way the live verticle runs it:
 * each change is evaluated at its own time, and the timer ticks every {@code tickMillis} in
 * between (deadman, durations that expire without data). Pure; returns the alerts it would have
 * raised, with their full history.
 */
public final class Backtester {

    private final DeviceTypes types;
    private final long tickMillis;

    public Backtester(DeviceTypes types, long tickMillis) {
        if (tickMillis <= 0) {
            throw new IllegalArgumentException("tickMillis must be positive");
        }
        this.types = types;
        this.tickMillis = tickMillis;
    }

    public List<Alert> run(Rule rule, List<TwinChange> history, long from, long to) {
        RuleEngine engine = new RuleEngine(RuleSet.of(List.of(rule)), types);
        AtomicInteger ids = new AtomicInteger();
        AlertBook book = new AlertBook(Integer.MAX_VALUE, () -> "backtest-" + ids.incrementAndGet());
        boolean timed = rule.timeDependent();
        long nextTick = from + tickMillis;
        for (TwinChange change : history.stream().sorted(Comparator.comparingLong(TwinChange::timestamp)).toList()) {
            long at = change.timestamp();
            while (timed && nextTick < at) {
                engine.tick(nextTick).forEach(o -> book.apply(o, o.at()));
                nextTick += tickMillis;
            }
            engine.evaluate(change, at).forEach(o -> book.apply(o, o.at()));
        }
        while (timed && nextTick <= to) {
            engine.tick(nextTick).forEach(o -> book.apply(o, o.at()));
            nextTick += tickMillis;
        }
        return book.all().stream().sorted(Comparator.comparingLong(Alert::raisedAt).thenComparing(Alert::id)).toList();
    }
}
