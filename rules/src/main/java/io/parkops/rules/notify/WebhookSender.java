package io.parkops.rules.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;

/**
 * POSTs one alert to one webhook: signed, retried with exponential backoff (1, 2, 4, ... times
 * {@code firstRetry}) on a connection error or a non-2xx answer, and put in the dead letters after
 * {@code maxAttempts}. Non-blocking: retries wait on Vert.x timers.
 */
final class WebhookSender {

    static final String ALERT_ID_HEADER = "X-ParkOps-Alert";

    private final Vertx vertx;
    private final WebClient client;
    private final NotifyConfig config;
    private final DeadLetters deadLetters;

    WebhookSender(Vertx vertx, WebClient client, NotifyConfig config, DeadLetters deadLetters) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        this.deadLetters = deadLetters;
    }

    /** Completes when delivered (true) or given up (false). */
    Future<Boolean> send(Webhook hook, String alertId, JsonObject payload) {
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        Promise<Boolean> done = Promise.promise();
        attempt(hook, alertId, payload, body, 1, done);
        return done.future();
    }

    private void attempt(Webhook hook, String alertId, JsonObject payload, byte[] body, int n, Promise<Boolean> done) {
        client.postAbs(hook.url().toString())
                .putHeader("content-type", "application/json")
                .putHeader(Signature.HEADER, Signature.sign(hook.secret(), body))
                .putHeader(ALERT_ID_HEADER, alertId)
                .timeout(10_000)
                .sendBuffer(Buffer.buffer(body))
                .onComplete(ar -> {
                    String error = ar.failed() ? ar.cause().toString()
                            : ar.result().statusCode() / 100 == 2 ? null : "HTTP " + ar.result().statusCode();
                    if (error == null) {
                        done.complete(true);
                    } else if (n >= config.maxAttempts()) {
                        deadLetters.add(hook.id(), alertId, n, error, payload, System.currentTimeMillis());
                        done.complete(false);
                    } else {
                        long delay = config.firstRetry().toMillis() << Math.min(n - 1, 20);
                        vertx.setTimer(Math.max(1, delay), t -> attempt(hook, alertId, payload, body, n + 1, done));
                    }
                });
    }
}
