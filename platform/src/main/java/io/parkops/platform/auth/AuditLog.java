package io.parkops.platform.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write through the API (desired values, rules, types, devices, acknowledgements, tokens)
 * as one JSON line in {@code {data dir}/audit.log}: who (with the sites a scoped token is limited
 * to), when, what and the answer. Appended on
 * its own thread so no event loop waits for the disk.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parkops-audit");
        t.setDaemon(true);
        return t;
    });

    public AuditLog(Path dataDir) {
        this.file = dataDir.resolve("audit.log");
    }

    public Path file() {
        return file;
    }

    public void record(Principal who, String method, String path, int status) {
        JsonObject entry = new JsonObject().put("time", Instant.now().toString()).put("who", who.name())
                .put("role", who.role().label());
        if (!who.sites().isAll()) {
            entry.put("sites", new JsonArray(List.copyOf(who.sites().sites())));
        }
        if (who.sites().limitsBuildings()) {
            entry.put("buildings", new JsonArray(List.copyOf(who.sites().buildings())));
        }
        String line = entry.put("method", method).put("path", path).put("status", status).encode() + "\n";
        writer.execute(() -> {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.error("cannot append to the audit log {}: {}", file, e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
