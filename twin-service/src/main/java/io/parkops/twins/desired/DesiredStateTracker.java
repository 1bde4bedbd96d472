package io.parkops.twins.desired;

import io.parkops.model.ThingId;
import io.parkops.model.command.CommandState;
import io.parkops.model.command.CommandUpdate;
import io.parkops.model.command.DeviceCommand;
import io.parkops.twins.store.ThingEvent;
import io.parkops.twins.store.TwinStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop Ditto leaves open: a desired property set on a twin becomes the device type's
 * command, its delivery and answer are tracked (pending, sent, acknowledged, failed, expired),
 * it is sent again when the device shows up after being away, and the twin says whether the
 * reported value has converged. Runs on its own thread: store events are handed over, never
 * processed inside the store's update.
 */
public final class DesiredStateTracker implements AutoCloseable {

    public static final String ORIGIN = "commands";

    private final TwinStore store;
    private final CommandCatalog catalog;
    private final Consumer<DeviceCommand> sink;
    private final LongSupplier clock;
    private final long retryAfterMs;
    private final Map<String, DesiredState> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "desired-state");
        t.setDaemon(true);
        return t;
    });
    private final Runnable unsubscribe;

    public DesiredStateTracker(TwinStore store, CommandCatalog catalog, Consumer<DeviceCommand> sink, LongSupplier clock,
                               Duration retryAfter) {
        this.store = store;
        this.catalog = catalog;
        this.sink = sink;
        this.clock = clock;
        this.retryAfterMs = retryAfter.toMillis();
        // only twins whose type has commands concern the tracker: most telemetry is handed nowhere
        this.unsubscribe = store.subscribe(event -> {
            if (event.deleted() || !catalog.commandsFor(event.type()).isEmpty()) {
                worker.execute(() -> onEvent(event));
            }
        });
        worker.execute(this::recover);
        worker.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
    }

    /** An adapter's news about a command (delivered, answered). */
    public void onUpdate(CommandUpdate update) {
        worker.execute(() -> states.values().stream()
                .filter(s -> s.reqId().equals(update.reqId()) && s.thingId().equals(update.thingId()))
                .findFirst()
                .filter(s -> !s.state().isFinal())
                .filter(s -> update.state() != CommandState.SENT || s.state() == CommandState.PENDING)
                .ifPresent(s -> save(s.withState(update.state(), clock.getAsLong()))));
    }

    /** The current state of one desired property, if a command tracks it. */
    public Optional<DesiredState> state(ThingId id, String feature, String property) {
        return catalog.commandsFor(typeOf(store.find(id).orElse(null))).stream()
                .filter(s -> s.feature().equals(feature) && s.property().equals(property))
                .findFirst().map(spec -> states.get(DesiredState.key(id, spec)));
    }

    private void onEvent(ThingEvent event) {
        if (ORIGIN.equals(event.origin()) || event.deleted()) {
            if (event.deleted()) {
                states.keySet().removeIf(k -> k.startsWith(event.id().dittoId() + '/'));
            }
            return;
        }
        long now = clock.getAsLong();
        for (CommandSpec spec : catalog.commandsFor(event.type())) {
            JsonPointer desired = JsonPointer.of("/features/" + spec.feature() + "/desiredProperties/" + spec.property());
            if ("device".equals(event.origin())) {
                deviceReported(event, spec, now);
            } else if (touches(event, desired)) {
                desiredChanged(event, spec, event.thing().toJson().getValue(desired), now);
            }
        }
    }

    private void desiredChanged(ThingEvent event, CommandSpec spec, Optional<JsonValue> value, long now) {
        String key = DesiredState.key(event.id(), spec);
        if (value.isEmpty()) {
            states.remove(key);
            store.setMetadata(event.id(), metadataPath(spec), null, now, ORIGIN);
            return;
        }
        JsonValue reported = reported(event.thing(), spec);
        DesiredState state = new DesiredState(event.id(), spec, value.get(), now, event.origin(),
                UUID.randomUUID().toString().substring(0, 8), CommandState.PENDING, 1, now, now,
                now + spec.ttl().toMillis(), spec.converged(value.get(), reported), reported);
        save(state);
        send(state);
    }

    private void deviceReported(ThingEvent event, CommandSpec spec, long now) {
        DesiredState state = states.get(DesiredState.key(event.id(), spec));
        if (state == null) {
            return;
        }
        DesiredState next = state.withReported(reported(event.thing(), spec), now);
        boolean unanswered = state.state() == CommandState.PENDING || state.state() == CommandState.SENT;
        if (unanswered && !next.converged() && now - state.lastSentAt() >= retryAfterMs && now < state.expiresAt()) {
            next = next.sentAgain(now); // the device is back: deliver again (over MQTT it may have missed it)
            send(next);
        }
        if (next.converged() != state.converged() || next.attempts() != state.attempts()) {
            save(next);
        } else {
            states.put(next.key(), next);
        }
    }

    /** Picks up the states a previous run left in the twins' metadata, so retries and TTLs go on. */
    private void recover() {
        for (Thing thing : store.all()) {
            ThingId id = ThingId.parseDitto(thing.getEntityId().orElseThrow().toString());
            for (CommandSpec spec : catalog.commandsFor(typeOf(thing))) {
                thing.getMetadata().flatMap(m -> m.getValue(metadataPath(spec))).filter(JsonValue::isObject)
                        .ifPresent(json -> {
                            try {
                                DesiredState state = DesiredState.fromJson(id, spec, json.asObject());
                                states.putIfAbsent(state.key(), state);
                            } catch (RuntimeException e) {
                                LoggerFactory.getLogger(DesiredStateTracker.class)
                                        .warn("desired state of {} in its metadata is unreadable, ignored: {}", id, e.toString());
                            }
                        });
            }
        }
    }

    private void expire() {
        long now = clock.getAsLong();
        states.values().stream()
                .filter(s -> !s.state().isFinal() && now >= s.expiresAt())
                .toList()
                .forEach(s -> save(s.withState(CommandState.EXPIRED, now)));
    }

    private void send(DesiredState state) {
        sink.accept(new DeviceCommand(state.thingId(), state.reqId(), state.spec().command(),
                state.spec().payload(state.value()), state.expiresAt()));
    }

    private void save(DesiredState state) {
        states.put(state.key(), state);
        store.setMetadata(state.thingId(), metadataPath(state.spec()), state.toJson(), clock.getAsLong(), ORIGIN);
    }

    private static JsonPointer metadataPath(CommandSpec spec) {
        return JsonPointer.of("/features/" + spec.feature() + "/desiredProperties/" + spec.property());
    }

    private static JsonValue reported(Thing thing, CommandSpec spec) {
        return thing.toJson().getValue(JsonPointer.of("/features/" + spec.feature() + "/properties/" + spec.property()))
                .orElse(null);
    }

    /** Whether the event wrote {@code target}: at it, inside it, or as a member of the value it wrote above it. */
    private static boolean touches(ThingEvent event, JsonPointer target) {
        String c = event.path().isEmpty() ? "" : event.path().toString();
        String t = target.toString();
        if (t.equals(c) || c.startsWith(t + "/")) {
            return true;
        }
        if (!t.startsWith(c + "/") || event.value() == null || !event.value().isObject()) {
            return false;
        }
        return event.value().asObject().getValue(JsonPointer.of(t.substring(c.length()))).isPresent();
    }

    static String typeOf(Thing thing) {
        return thing == null ? "" : thing.getAttributes().flatMap(a -> a.getValue("type"))
                .filter(JsonValue::isString).map(JsonValue::asString).orElse("");
    }

    @Override
    public void close() {
        unsubscribe.run();
        worker.shutdownNow();
    }

    List<DesiredState> states() {
        return List.copyOf(states.values());
    }
}
