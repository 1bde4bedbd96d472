package io.parkops.rules;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.rules.alerts.AckCommand;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.engine.RuleEngine;
import io.parkops.rules.engine.RuleOutcome;
import io.parkops.rules.engine.RuleSet;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an alert is raised: evaluates every {@link TwinChange} against the rules, moves alerts
 * through their lifecycle and publishes each transition on {@link Addresses#ALERT_CHANGED}.
 *
 * <p>Deploy exactly one instance: it is the single writer of the {@link AlertStore}, and also
 * handles acknowledgements ({@link AckCommand#ADDRESS}) so that transitions are published in the
 * order they happen. This is the only place that reads the wall clock.
 */
public final class RulesVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RulesVerticle.class);

    private final RuleSet rules;
    private final AlertStore store;
    private RuleEngine engine;

    public RulesVerticle(RuleSet rules, AlertStore store) {
        this.rules = rules;
        this.store = store;
    }

    @Override
    public Future<?> start() {
        LocalCodec.registerAll(vertx);
        engine = new RuleEngine(rules);
        MessageConsumer<TwinChange> changes = vertx.eventBus().localConsumer(Addresses.TWIN_CHANGED, this::onTwinChange);
        MessageConsumer<JsonObject> acks = vertx.eventBus().localConsumer(AckCommand.ADDRESS, this::onAck);
        LOG.info("rules started with {} rules: {}", rules.size(), rules);
        return Future.all(changes.completion(), acks.completion());
    }

    private void onTwinChange(Message<TwinChange> message) {
        try {
            List<RuleOutcome> outcomes = engine.evaluate(message.body());
            if (!outcomes.isEmpty()) {
                store.record(outcomes, System.currentTimeMillis()).forEach(this::publish);
            }
        } catch (RuntimeException e) {
            // one bad change must not stop the evaluation of everyone else's
            LOG.error("rule evaluation failed for {}", message.body().thingId(), e);
        }
    }

    private void onAck(Message<JsonObject> message) {
        AckCommand ack = AckCommand.fromJson(message.body());
        Optional<Alert> current = store.get(ack.alertId());
        if (current.isEmpty()) {
            message.fail(AckCommand.NOT_FOUND, "no alert with id '" + ack.alertId() + "'");
            return;
        }
        Optional<Alert> transition = store.acknowledge(ack.alertId(), ack.by(), ack.note(), System.currentTimeMillis());
        transition.ifPresent(this::publish);
        // an already acknowledged alert is answered as it is: acknowledging twice is harmless
        message.reply(transition.orElseGet(current::get));
    }

    private void publish(Alert alert) {
        LOG.debug("alert {} {} {} on {}", alert.id(), alert.ruleId(), alert.state(), alert.thingId());
        vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert);
    }
}
