package io.parkops.rules;

import io.parkops.model.Alert;
import io.parkops.model.ThingId;
import io.parkops.rules.alerts.AlertCommand;
import java.util.List;
import java.util.Map;

/**
 * What the {@link RulesVerticle} needs when several nodes share the rules (cluster mode): each
 * thing's rules run on the one node that owns the thing's partition, and what they decide is
 * handed to every node through a durable log instead of this node's event bus. Implemented by the
 * cluster module; on a single node there is none and the verticle works alone.
 *
 * <p>Called on the verticle's event loop; implementations must not block.
 */
public interface RuleSharing {

    /** Whether this node runs the rules of {@code thing} now (its partition is assigned here). */
    boolean owns(ThingId thing);

    /**
     * Hands an alert transition this node decided to every node (including this one, which
     * publishes it on its bus when it reads it back), in the order given per thing.
     */
    void transition(Alert alert);

    /** The partition of the shared telemetry log that {@code thing}'s readings are in: the unit of ownership. */
    int partitionOf(ThingId thing);

    /**
     * Keeps the engine's memory of these things (thing id to the codec's JSON) for the next owner,
     * and, per partition, the offset of the last reading the rules evaluated: the next owner evaluates
     * the readings after it, which no node has evaluated yet.
     */
    void saveStates(Map<String, String> states, Map<Integer, Long> evaluatedThrough);

    /**
     * Cleared alerts this node forgot (beyond {@code alertsKeepCleared}): the shared log forgets those
     * of the things this node owns too, so it does not keep one record per alert ever raised.
     */
    void forget(List<Alert> alerts);

    /** Sends an acknowledgement or clear of an alert on {@code thing} to the node that owns it. */
    void forward(AlertCommand command, ThingId thing);
}
