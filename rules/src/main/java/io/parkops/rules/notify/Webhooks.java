package io.parkops.rules.notify;

import io.parkops.model.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads webhook subscriptions from {@code {data dir}/webhooks.json}:
 * {@code {"webhooks": [{"id", "url", "tenant", "minSeverity", "secret"}]}}. A missing file means none.
 * Blocking: call at start-up.
 */
public final class Webhooks {

    private Webhooks() {
    }

    public static List<Webhook> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<Webhook> parse(String text, String source) {
        List<Webhook> hooks = new ArrayList<>();
        try {
            JsonArray array = new JsonObject(text).getJsonArray("webhooks", new JsonArray());
            for (int i = 0; i < array.size(); i++) {
                JsonObject j = array.getJsonObject(i);
                String min = j.getString("minSeverity");
                hooks.add(new Webhook(j.getString("id"), URI.create(j.getString("url", "")), j.getString("tenant"),
                        min == null ? null : Severity.parse(min), j.getString("secret")));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        return hooks;
    }
}
