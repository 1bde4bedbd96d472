package io.parkops.rules;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.DeviceTypes;
import io.parkops.model.ThingId;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.config.SharedConfig;
import io.parkops.rules.alerts.AlertCommand;
import io.parkops.rules.api.RuleCommand;
import io.parkops.rules.alerts.AlertJson;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.engine.EngineStateCodec;
import io.parkops.rules.engine.RuleEngine;
import io.parkops.rules.engine.RuleOutcome;
import io.parkops.rules.engine.RuleSet;
import io.parkops.rules.store.RuleFiles;
import io.parkops.rules.store.RulesDb;
import io.parkops.rules.suppress.MaintenanceWindow;
import io.parkops.rules.suppress.MaintenanceWindows;
import io.parkops.rules.suppress.Suppressions;
import io.parkops.rules.suppress.Suppressor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an alert is raised: feeds every {@link TwinChange} and a periodic tick (deadman, durations
 * that expire without new data) to the pure {@link RuleEngine}, moves alerts through their
 * lifecycle and publishes each transition on {@link Addresses#ALERT_CHANGED}. Saves alerts and the
 * engine's memory to {@link RulesDb} on every tick and on stop, and hot-reloads the rule files.
 *
 * <p>Deploy exactly one instance: it is the single writer of the {@link AlertStore} and handles
 * acknowledgements and clears ({@link AlertCommand#ADDRESS}), so transitions are published in the
 * order they happen. This is the only place that reads the wall clock.
 */
public final class RulesVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RulesVerticle.class);
    /**
     * The engine's memory of the twins is saved every this many ticks (alerts every tick): encoding
     * every busy twin's memory each second was a sixth of the event loop's time under load, and a
     * crash loses at most these few seconds of a {@code for} duration's progress.
     */
    static final int TICKS_PER_MEMORY_SAVE = 5;
    /** How long an acknowledgement or clear forwarded to another node waits for its transition. */
    static final long FORWARD_WAIT_MILLIS = 4000; // under the HTTP side's 5 s

    private final RulesConfig config;
    private volatile RuleSet defaults;
    private final AlertStore store;
    private final DeviceTypes types;
    private final Set<String> unsavedAlerts = new LinkedHashSet<>();
    private int ticksSinceMemorySave;
    private RuleEngine engine;
    private RuleFiles files;
    private RulesDb db;
    private String filesFingerprint = "";
    private volatile String reloadError;
    private volatile List<MaintenanceWindow> windows = List.of();
    private final Suppressions suppressions;
    private RulesMetrics metrics;
    private volatile SharedConfig shared = SharedConfig.LOCAL;
    /** Set in a cluster: which things' rules run here, and where decisions go; null on a single node. */
    private RuleSharing sharing;
    private final LogPositions evaluated = new LogPositions();
    /** Cluster mode, on the event loop: the partitions adopted here, and those being taken over, whose readings wait. */
    private final Set<Integer> adopted = new HashSet<>();
    private final Set<Integer> expected = new HashSet<>();
    private final List<TwinChange> waiting = new ArrayList<>();

    public RulesVerticle(RulesConfig config, RuleSet defaults, AlertStore store, DeviceTypes types) {
        this.config = config;
        this.defaults = defaults;
        this.store = store;
        this.types = types;
        this.suppressions = new Suppressions(store, new Suppressor(() -> windows));
    }

    /** In memory, the given rules only, no device-type catalog (60 s intervals): for tests and tools. */
    public RulesVerticle(RuleSet rules, AlertStore store) {
        this(RulesConfig.inMemory(), rules, store, typeId -> Optional.empty());
    }

    /**
     * Cluster mode: a rule edit from the API goes through {@code sharedConfig} before its file is
     * written; an edit sent with {@link RuleCommand#FROM_SHARED_LOG} came from there and is not shared again.
     */
    public RulesVerticle shareRuleEditsThrough(SharedConfig sharedConfig) {
        this.shared = sharedConfig;
        return this;
    }

    /** Registers the rules' meters (evaluation time, alerts by state and severity) in {@code registry}. */
    public RulesVerticle withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        this.metrics = new RulesMetrics(registry, store);
        return this;
    }

    /**
     * Shares the rules with other nodes (cluster mode; call before deploying): only the things
     * {@code sharing} says this node owns are evaluated, transitions and the engine's memory go to
     * {@code sharing} instead of the local bus and disk, and an alert owned elsewhere is acknowledged
     * or cleared by its owner. Partitions arrive through {@link #adopt} and leave through {@link #release}.
     */
    public RulesVerticle sharedThrough(RuleSharing sharing) {
        this.sharing = sharing;
        return this;
    }

    @Override
    public Future<?> start() {
        LocalCodec.registerAll(vertx);
        if (metrics == null) {
            metrics = RulesMetrics.unregistered(store);
        }
        files = new RuleFiles(config.rulesDir());
        return vertx.executeBlocking(this::openAndLoad).compose(rules -> {
            engine = new RuleEngine(rules, types);
            if (db != null) {
                EngineStateCodec.restore(engine, db.things());
            }
            vertx.eventBus().<TwinChange>localConsumer(Addresses.TWIN_CHANGED, this::onTwinChange);
            vertx.eventBus().<JsonObject>localConsumer(AlertCommand.ADDRESS, this::onCommand);
            vertx.eventBus().<JsonObject>localConsumer(RuleCommand.ADDRESS, this::onRuleCommand);
            vertx.setPeriodic(config.tickInterval().toMillis(), id -> onTick());
            if (config.rulesDir() != null) {
                vertx.setPeriodic(config.reloadInterval().toMillis(), id -> checkFiles());
            }
            LOG.info("rules started with {} rules: {}", rules.size(), rules);
            return Future.succeededFuture();
        });
    }

    private RuleSet openAndLoad() throws Exception {
        if (config.rulesDir() != null) {
            if (sharing == null) { // in a cluster, alerts and the engine's memory are kept in Kafka
                db = RulesDb.open(config.rulesDir());
                db.alerts().values().forEach(text -> store.put(AlertJson.fromJson(new JsonObject(text))));
            }
            filesFingerprint = files.fingerprint();
            loadWindows();
        }
        try {
            return files.load(defaults);
        } catch (IllegalArgumentException e) {
            reloadError = e.getMessage();
            LOG.error("rule files rejected, using the default rules only: {}", e.getMessage());
            return defaults;
        }
    }

    @Override
    public Future<?> stop() {
        if (db == null) {
            return Future.succeededFuture();
        }
        save(true);
        return vertx.executeBlocking(() -> {
            db.close();
            return null;
        });
    }

    /**
     * Replaces the rules below the rule files (the built-in rules and the device types' own), e.g.
     * when a device type was added or changed at run time. The rule files are laid over them again;
     * rules whose definition did not change keep their progress and open alerts.
     */
    public void replaceDefaults(RuleSet next) {
        defaults = next;
        if (context == null) {
            return; // not started: start() loads them
        }
        context.runOnContext(v -> vertx.executeBlocking(() -> files.load(next))
                .onSuccess(this::replaceRules)
                .onFailure(e -> {
                    reloadError = e.getMessage();
                    LOG.error("rule files rejected over the new default rules, the rules in force stay: {}", e.getMessage());
                }));
    }

    /** The rules in force (for the rules API). */
    public RuleSet rules() {
        RuleEngine e = engine;
        return e == null ? defaults : e.rules();
    }

    /** Why the last reload of the rule files was refused, or null when the files are in force. */
    public String reloadError() {
        return reloadError;
    }

    private void onTwinChange(Message<TwinChange> message) {
        TwinChange change = message.body();
        if (sharing != null) {
            int partition = sharing.partitionOf(change.thingId());
            if (expected.contains(partition)) {
                waiting.add(change); // evaluated once the partition's memory is restored (see adopt)
                return;
            }
            if (!adopted.contains(partition) || !firstTime(change)) {
                return; // another node runs this thing's rules, or this reading was evaluated when the partition was taken over
            }
        }
        evaluate(change, System.currentTimeMillis());
    }

    /** Whether the rules have not seen this reading yet (by its offset in the shared log; cluster mode). */
    private boolean firstTime(TwinChange change) {
        long offset = change.context().logOffset();
        return offset < 0 || evaluated.admit(sharing.partitionOf(change.thingId()), offset);
    }

    private void evaluate(TwinChange change, long now) {
        try {
            apply(metrics.changeEvaluation.record(() -> engine.evaluate(change, now)));
        } catch (RuntimeException e) {
            // one bad change must not stop the evaluation of everyone else's
            LOG.error("rule evaluation failed for {}", change.thingId(), e);
        }
    }

    private void onTick() {
        try {
            long now = System.currentTimeMillis();
            apply(metrics.tickEvaluation.record(() -> engine.tick(now)));
            suppressions.recheck(now, this::mine).forEach(this::publish);
        } catch (RuntimeException e) {
            LOG.error("timed rule evaluation failed", e);
        }
        boolean withMemory = ++ticksSinceMemorySave >= TICKS_PER_MEMORY_SAVE;
        if (withMemory) {
            ticksSinceMemorySave = 0;
        }
        save(withMemory);
    }

    private void apply(List<RuleOutcome> outcomes) {
        if (!outcomes.isEmpty()) {
            long now = System.currentTimeMillis();
            List<Alert> transitions = store.record(outcomes, now);
            transitions.forEach(a -> publish(suppressions.mark(a, now)));
            if (sharing != null && !transitions.isEmpty()) {
                save(false); // the memory that decided them follows them at once, not at the next tick
            }
        }
    }

    private void onCommand(Message<JsonObject> message) {
        AlertCommand command = AlertCommand.fromJson(message.body());
        Optional<Alert> current = store.get(command.alertId());
        if (current.isEmpty()) {
            message.fail(AlertCommand.NOT_FOUND, "no alert with id '" + command.alertId() + "'");
            return;
        }
        if (!mine(current.get())) {
            forward(command, current.get(), message);
            return;
        }
        long now = System.currentTimeMillis();
        Optional<Alert> transition;
        if (command.action() == AlertCommand.Action.ACK) {
            transition = store.acknowledge(command.alertId(), command.by(), command.note(), now);
        } else {
            transition = store.clearByHand(command.alertId(), command.by(), command.note(), now);
            // the rule must raise afresh before a new alert appears
            transition.ifPresent(a -> engine.reset(a.thingId(), a.ruleId()));
        }
        transition.ifPresent(this::publish);
        // acknowledging or clearing twice is harmless: the alert is answered as it is
        message.reply(transition.orElseGet(current::get));
    }

    private void publish(Alert alert) {
        LOG.debug("alert {} {} {} {} on {}", alert.id(), alert.ruleId(), alert.severity(), alert.state(), alert.thingId());
        if (sharing != null) {
            sharing.transition(alert); // every node, this one included, publishes it when it reads it back
            return;
        }
        unsavedAlerts.add(alert.id());
        vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert);
    }

    /** Whether this node decides about {@code alert} (always on a single node). */
    private boolean mine(Alert alert) {
        return sharing == null || sharing.owns(alert.thingId());
    }

    /**
     * An alert owned by another node: the command goes to its owner, and the answer is the alert as
     * this node's copy shows it once the owner's transition arrived (a failure after 4 s without).
     */
    private void forward(AlertCommand command, Alert current, Message<JsonObject> message) {
        if (done(command, current)) {
            message.reply(current); // acknowledging or clearing twice is harmless: answered as it is
            return;
        }
        sharing.forward(command, current.thingId());
        long deadline = System.currentTimeMillis() + FORWARD_WAIT_MILLIS;
        vertx.setPeriodic(50, timer -> {
            Alert now = store.get(command.alertId()).orElse(current);
            if (done(command, now)) {
                vertx.cancelTimer(timer);
                message.reply(now);
            } else if (System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(timer);
                message.fail(503, "the node that runs this alert's rules did not answer within "
                        + FORWARD_WAIT_MILLIS / 1000 + " s");
            }
        });
    }

    private static boolean done(AlertCommand command, Alert alert) {
        return command.action() == AlertCommand.Action.ACK ? alert.state().isAcknowledged() : !alert.state().isActive();
    }

    /**
     * Partitions about to be taken over: from now on their readings wait here for {@link #adopt}, so
     * none falls between the end of the log read for the takeover and the moment they are owned.
     */
    public Future<Void> expect(Set<Integer> partitions) {
        return onContext(() -> {
            expected.addAll(partitions);
            return null;
        });
    }

    /**
     * Takes on the rules of more things (their partition was assigned to this node): the engine's
     * memory of them and their alerts as the previous owner left them, with how far it had evaluated
     * each partition, and then evaluates {@code unevaluated}, the readings that came after, in log
     * order: those that arrived while nobody owned the partition (the old owner dead or handing on)
     * are decided now, once. Completes on the event loop.
     */
    public Future<Void> adopt(Set<Integer> partitions, Map<String, String> states, List<Alert> alerts,
                              Map<Integer, Long> evaluatedThrough, List<TwinChange> unevaluated) {
        return onContext(() -> {
            alerts.forEach(store::put);
            EngineStateCodec.restore(engine, states);
            evaluated.adopt(evaluatedThrough);
            long now = System.currentTimeMillis();
            int caughtUp = 0;
            for (TwinChange change : unevaluated) {
                if (firstTime(change)) {
                    // when it was measured, unless the device's clock says otherwise: a for-duration runs from then
                    evaluate(change, change.timestamp() > 0 && change.timestamp() <= now ? change.timestamp() : now);
                    caughtUp++;
                }
            }
            adopted.addAll(partitions);
            expected.removeAll(partitions);
            List<TwinChange> arrived = takeWaiting(partitions);
            for (TwinChange change : arrived) {
                if (firstTime(change)) {
                    evaluate(change, now);
                }
            }
            LOG.info("rules: took on {} things with {} alerts, evaluated {} readings no owner had and {} that came meanwhile",
                    states.size(), alerts.size(), caughtUp, arrived.size());
            return null;
        });
    }

    private List<TwinChange> takeWaiting(Set<Integer> partitions) {
        List<TwinChange> taken = new ArrayList<>();
        waiting.removeIf(change -> partitions.contains(sharing.partitionOf(change.thingId())) && taken.add(change));
        return taken;
    }

    /** What a node giving up partitions leaves the next owner: the engine's memory, and how far it evaluated them. */
    public record Handover(Map<String, String> states, Map<Integer, Long> evaluatedThrough) {
    }

    /**
     * Gives up the rules of the things in {@code partitions} (they go to another node): answers the
     * engine's memory of every thing changed since the last save and how far each leaving partition
     * was evaluated, to be kept for the next owner before the partitions move, and forgets them.
     */
    public Future<Handover> release(Set<Integer> partitions) {
        return onContext(() -> {
            Map<String, String> last = EngineStateCodec.takeDirty(engine);
            int before = EngineStateCodec.size(engine);
            EngineStateCodec.forget(engine, thing -> partitions.contains(sharing.partitionOf(thing)));
            adopted.removeAll(partitions);
            expected.removeAll(partitions);
            takeWaiting(partitions);
            LOG.info("rules: gave up {} things", before - EngineStateCodec.size(engine));
            return new Handover(last, evaluated.remove(partitions));
        });
    }

    private <T> Future<T> onContext(Callable<T> work) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                promise.complete(work.call());
            } catch (Exception e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** Saves the alerts changed since the last save and, {@code withMemory}, the engine's changed memory. */
    private void save(boolean withMemory) {
        if (sharing != null) { // every tick: the next owner resumes a for-duration from at most a tick ago
            List<Alert> forgotten = store.drainEvicted();
            if (!forgotten.isEmpty()) {
                sharing.forget(forgotten);
            }
            Map<String, String> things = EngineStateCodec.takeDirty(engine);
            Map<Integer, Long> positions = evaluated.takeChanged();
            if (!things.isEmpty() || !positions.isEmpty()) {
                sharing.saveStates(things, positions);
            }
            return;
        }
        if (db == null) {
            return;
        }
        Map<String, String> alerts = new HashMap<>();
        unsavedAlerts.forEach(id -> store.get(id).ifPresent(a -> alerts.put(id, AlertJson.toJson(a).encode())));
        unsavedAlerts.clear();
        Map<String, String> things = withMemory ? EngineStateCodec.takeDirty(engine) : Map.of();
        List<String> forgotten = store.drainEvicted().stream().map(Alert::id).toList();
        if (!alerts.isEmpty() || !things.isEmpty() || !forgotten.isEmpty()) {
            db.save(alerts, things, forgotten).exceptionally(e -> {
                LOG.error("saving alerts and rule state failed", e);
                return null;
            });
        }
    }

    private void onRuleCommand(Message<JsonObject> message) {
        RuleCommand command = RuleCommand.fromJson(message.body());
        SharedConfig share = message.headers().contains(RuleCommand.FROM_SHARED_LOG) ? SharedConfig.LOCAL : shared;
        vertx.executeBlocking(() -> {
            RuleSet next = command.action() == RuleCommand.Action.PUT
                    ? files.put(command.ruleId(), command.body(), defaults, share)
                    : files.remove(command.ruleId(), defaults, share);
            filesFingerprint = files.fingerprint();
            return next;
        }).onSuccess(next -> {
            replaceRules(next);
            message.reply(command.action() == RuleCommand.Action.PUT
                    ? new JsonObject(next.source(command.ruleId()).map(RuleSet.Source::json).orElse("{}"))
                    : new JsonObject());
        }).onFailure(e -> message.fail(e instanceof RuleFiles.EditException edit ? edit.status() : 500, e.getMessage()));
    }

    private void checkFiles() {
        vertx.executeBlocking(() -> {
            loadWindows();
            String now = files.fingerprint();
            if (now.equals(filesFingerprint)) {
                return null;
            }
            filesFingerprint = now;
            return files.load(defaults);
        }).onSuccess(next -> {
            if (next != null) {
                replaceRules(next);
            }
        }).onFailure(e -> {
            reloadError = e.getMessage();
            LOG.error("rule files rejected, the rules in force stay: {}", e.getMessage());
        });
    }

    /** Re-reads {@code maintenance.json} now rather than at the next check (cluster mode: another node changed it). */
    public void reloadWindows() {
        vertx.executeBlocking(() -> {
            loadWindows();
            return null;
        });
    }

    /** Maintenance windows from {@code {data dir}/maintenance.json}; a bad file keeps the windows in force. */
    private void loadWindows() {
        try {
            windows = MaintenanceWindows.load(config.dataDir().resolve("maintenance.json"));
        } catch (RuntimeException e) {
            LOG.error("maintenance windows rejected, the windows in force stay: {}", e.getMessage());
        }
    }

    /**
     * Swaps the rules. Open alerts of rules that were removed or changed are cleared by the system:
     * the engine forgets a changed rule's progress, so it would never clear them; a changed rule
     * whose condition still holds raises a new alert under its new definition at the next reading.
     */
    void replaceRules(RuleSet next) {
        reloadError = null;
        RuleSet previous = engine.rules();
        engine.replaceRules(next);
        long now = System.currentTimeMillis();
        for (Alert alert : store.active()) {
            if (!mine(alert)) {
                continue; // its owner clears it
            }
            var rule = next.find(alert.ruleId());
            if (rule.isEmpty() || !rule.equals(previous.find(alert.ruleId()))) {
                String note = "rule '" + alert.ruleId() + "' was " + (rule.isEmpty() ? "removed" : "changed");
                store.clearByHand(alert.id(), "system", note, now).ifPresent(this::publish);
            }
        }
        LOG.info("rules reloaded: {}", next);
    }
}
