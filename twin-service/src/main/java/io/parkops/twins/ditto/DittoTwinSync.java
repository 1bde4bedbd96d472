package io.parkops.twins.ditto;

import io.parkops.model.Device;
import io.parkops.model.DeviceTypes;
import io.parkops.model.TwinChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.DittoClients;
import org.eclipse.ditto.client.configuration.BasicAuthenticationConfiguration;
import org.eclipse.ditto.client.configuration.WebSocketMessagingConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProviders;
import org.eclipse.ditto.client.messaging.MessagingProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a real Eclipse Ditto's twins current through the Ditto Java client: creates a thing
 * (definition, attributes) the first time it is seen, then writes the latest property values of
 * each changed thing once per interval as one merge. Failed writes are kept (newer values win) and
 * retried with exponential back-off, so a Ditto restart loses no latest state.
 */
public final class DittoTwinSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DittoTwinSync.class);

    private final DittoBackendConfig config;
    private final DittoThings things;
    private final PendingThings pending = new PendingThings();
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ditto-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong writes = new AtomicLong();
    private volatile DittoClient client;
    private long backoffMs;

    public DittoTwinSync(DittoBackendConfig config, DeviceTypes types) {
        this.config = config;
        this.things = new DittoThings(types);
        this.backoffMs = config.interval().toMillis();
        worker.schedule(this::cycle, 0, TimeUnit.MILLISECONDS);
    }

    public void offer(TwinChange change) {
        synchronized (pending) {
            pending.add(change);
        }
    }

    public void offer(Device device) {
        synchronized (pending) {
            pending.add(device);
        }
    }

    /** Things written to Ditto so far (creates and merges), for metrics and tests. */
    public long writes() {
        return writes.get();
    }

    public boolean isConnected() {
        return client != null;
    }

    private void cycle() {
        boolean ok;
        try {
            ok = client != null ? flush() : connect();
        } catch (RuntimeException e) {
            LOG.warn("Ditto backend cycle failed: {}", e.toString());
            ok = false;
        }
        backoffMs = ok ? config.interval().toMillis() : Math.min(backoffMs * 2, config.maxBackoff().toMillis());
        if (!worker.isShutdown()) {
            worker.schedule(this::cycle, backoffMs, TimeUnit.MILLISECONDS);
        }
    }

    private boolean connect() {
        try {
            client = DittoClients.newInstance(MessagingProviders.webSocket(
                            WebSocketMessagingConfiguration.newBuilder()
                                    .endpoint(config.endpoint().toString())
                                    .jsonSchemaVersion(JsonSchemaVersion.V_2)
                                    .reconnectEnabled(true)
                                    .build(),
                            AuthenticationProviders.basic(BasicAuthenticationConfiguration.newBuilder()
                                    .username(config.username()).password(config.password()).build())))
                    .connect().toCompletableFuture().get(20, TimeUnit.SECONDS);
            LOG.info("Ditto backend connected to {}", config.endpoint());
            return true;
        } catch (Exception e) {
            LOG.warn("Ditto at {} not reachable ({}); retrying", config.endpoint(), e.toString());
            return false;
        }
    }

    /** Writes every pending thing; returns false when some write failed (their state is kept). */
    private boolean flush() {
        Map<String, PendingThings.Pending> batch;
        synchronized (pending) {
            batch = pending.drain();
        }
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        List<PendingThings.Pending> order = new ArrayList<>(batch.values());
        for (PendingThings.Pending p : order) {
            results.add(write(p));
        }
        boolean allOk = true;
        for (int i = 0; i < results.size(); i++) {
            boolean ok;
            try {
                ok = results.get(i).get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                ok = false;
            }
            if (!ok) {
                allOk = false;
                synchronized (pending) {
                    pending.putBack(order.get(i));
                }
            }
        }
        return allOk;
    }

    private CompletableFuture<Boolean> write(PendingThings.Pending p) {
        String id = p.device.id().dittoId();
        CompletableFuture<Void> ensured = created.contains(id) ? CompletableFuture.completedFuture(null)
                : client.twin().create(things.newThing(p.device, p.features)).toCompletableFuture()
                        .handle((thing, error) -> {
                            created.add(id); // created now, or it already existed (conflict): merge from here on
                            writes.incrementAndGet();
                            return null;
                        });
        return ensured.thenCompose(v -> p.features.isEmpty() ? CompletableFuture.completedFuture(null)
                        : client.twin().forId(things.thingId(p.device)).mergeFeatures(things.features(p.features))
                                .toCompletableFuture())
                .handle((v, error) -> {
                    if (error != null) {
                        LOG.debug("Ditto write of {} failed: {}", id, error.toString());
                        created.remove(id); // maybe deleted in Ditto meanwhile: create again next time
                        return false;
                    }
                    writes.incrementAndGet();
                    return true;
                });
    }

    @Override
    public void close() {
        worker.shutdownNow();
        DittoClient c = client;
        if (c != null) {
            c.destroy();
        }
    }
}
