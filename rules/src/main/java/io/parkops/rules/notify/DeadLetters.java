package io.parkops.rules.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Webhook deliveries that failed every attempt, newest last, bounded. Thread-safe (HTTP reads it). */
public final class DeadLetters {

    private final int max;
    private final Deque<JsonObject> letters = new ArrayDeque<>();

    public DeadLetters(int max) {
        this.max = max;
    }

    public synchronized void add(String webhookId, String alertId, int attempts, String lastError, JsonObject payload, long at) {
        letters.addLast(new JsonObject().put("webhook", webhookId).put("alertId", alertId).put("attempts", attempts)
                .put("lastError", lastError).put("failedAt", Instant.ofEpochMilli(at).toString()).put("payload", payload));
        while (letters.size() > max) {
            letters.removeFirst();
        }
    }

    public synchronized JsonArray toJson() {
        return new JsonArray(new java.util.ArrayList<>(letters));
    }

    public synchronized int size() {
        return letters.size();
    }
}
