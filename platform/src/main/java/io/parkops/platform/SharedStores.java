package io.parkops.platform;

import io.parkops.adapters.catalog.DeviceTypeFolder;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.config.SharedConfig;
import io.parkops.model.config.SharedConfig.Kind;
import io.parkops.platform.auth.TokenStore;
import io.parkops.platform.sites.SiteStore;
import io.parkops.rules.RulesVerticle;
import io.parkops.rules.api.RuleCommand;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores a cluster shares through Kafka, as the cluster module sees them: one applier per kind
 * of record (each store's own {@code applyShared}, which never shares again), and the switch that
 * makes every later API change go through the shared config before a store keeps it (and the
 * maintenance file, which has no API, checked every second). One node never
 * builds this: its stores keep {@link SharedConfig#LOCAL}.
 */
final class SharedStores {

    private static final Logger LOG = LoggerFactory.getLogger(SharedStores.class);
    private static final long RULE_APPLY_SECONDS = 30;
    private static final long MAINTENANCE_CHECK_MILLIS = 1000;

    private final Vertx vertx;
    private final TokenStore tokens;
    private final SiteStore sites;
    private final DeviceRegistry registry;
    private final DeviceTypeFolder types;
    private final RulesVerticle rules;
    private final MaintenanceShare maintenance;
    private final AtomicBoolean checking = new AtomicBoolean();
    private long maintenanceTimer = -1;

    SharedStores(Vertx vertx, TokenStore tokens, SiteStore sites, DeviceRegistry registry, DeviceTypeFolder types, RulesVerticle rules,
                 Path maintenanceFile) {
        this.vertx = vertx;
        this.maintenance = new MaintenanceShare(maintenanceFile, rules::reloadWindows);
        this.tokens = tokens;
        this.sites = sites;
        this.registry = registry;
        this.types = types;
        this.rules = rules;
    }

    /** What each kind of record does to this node; called on the config feed's thread (blocking is fine there). */
    Map<Kind, SharedConfig.Applier> appliers() {
        Map<Kind, SharedConfig.Applier> appliers = new EnumMap<>(Kind.class);
        appliers.put(Kind.TOKEN, tokens::applyShared);
        appliers.put(Kind.SITE, this::applySite);
        appliers.put(Kind.TYPE, types::applyShared);
        appliers.put(Kind.DEVICE, this::applyDevice);
        appliers.put(Kind.RULE, this::applyRule);
        appliers.put(Kind.MAINTENANCE, maintenance::applyShared);
        return appliers;
    }

    /** From now on API changes go through {@code shared} first. */
    void shareThrough(SharedConfig shared) {
        tokens.shareThrough(shared);
        sites.shareThrough(shared);
        registry.shareThrough(shared);
        types.shareThrough(shared);
        rules.shareRuleEditsThrough(shared);
        maintenance.shareThrough(shared);
        maintenanceTimer = vertx.setPeriodic(MAINTENANCE_CHECK_MILLIS, id -> {
            if (checking.compareAndSet(false, true)) {
                vertx.executeBlocking(() -> {
                    maintenance.check();
                    return null;
                }, false).onComplete(done -> checking.set(false))
                        .onFailure(e -> LOG.warn("maintenance windows not shared yet: {}", e.getMessage()));
            }
        });
    }

    /** Stops watching the maintenance file. */
    void stop() {
        vertx.cancelTimer(maintenanceTimer);
    }

    private void applySite(String id, String json) {
        sites.applyShared(id, json);
        if (json != null) {
            registry.addTenant(id); // as at start: a declared site is a tenant its devices may use
        }
    }

    /** The registry, then the twins, as the devices API does it (creating a twin that exists changes nothing). */
    private void applyDevice(String thingId, String value) {
        registry.applyShared(thingId, value).ifPresent(device -> {
            if (value == null) {
                vertx.eventBus().publish(Addresses.DEVICE_REMOVED, device.id());
            } else {
                vertx.eventBus().publish(Addresses.DEVICE_PROVISIONED, device);
            }
        });
    }

    /**
     * Through the rules verticle, the way an API edit goes, and waited for, so that rules are applied in
     * the topic's order and all of them before the node opens. Removing a rule this node has not is no change.
     */
    private void applyRule(String ruleId, String body) {
        RuleCommand command = new RuleCommand(body == null ? RuleCommand.Action.DELETE : RuleCommand.Action.PUT, ruleId, body);
        try {
            vertx.eventBus().request(RuleCommand.ADDRESS, command.toJson(), new DeliveryOptions()
                            .addHeader(RuleCommand.FROM_SHARED_LOG, "true").setSendTimeout(TimeUnit.SECONDS.toMillis(RULE_APPLY_SECONDS)))
                    .toCompletionStage().toCompletableFuture().get(RULE_APPLY_SECONDS + 1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (body == null && e.getCause() instanceof ReplyException reply && reply.failureCode() == 404) {
                return;
            }
            throw new IllegalStateException("rule '" + ruleId + "': " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("rule '" + ruleId + "' was not applied within " + RULE_APPLY_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying rule '" + ruleId + "'", e);
        }
    }
}
