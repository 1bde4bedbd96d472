package io.parkops.model.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The platform's HTTP error body, {@code {"status":…, "error":"<code>", "message":"<what and how to fix>"}}
 * (Ditto's shape, with an optional {@code description}).
 */
public record ApiError(int status, String error, String message, String description) {

    public static ApiError of(int status, String error, String message) {
        return new ApiError(status, error, message, null);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("status", status).put("error", error).put("message", message);
        if (description != null) {
            json.put("description", description);
        }
        return json;
    }

    public Future<Void> send(HttpServerResponse response) {
        return response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(toJson().encode());
    }
}
