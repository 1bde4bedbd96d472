package io.parkops.twins.store;

import io.parkops.model.http.ApiError;

/** A twin operation refused for a reason the caller can fix; carries Ditto's error code. */
public final class TwinException extends RuntimeException {

    private final transient ApiError error;

    public TwinException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public TwinException(int status, String code, String message, String description) {
        super(message, null, false, false);
        this.error = new ApiError(status, code, message, description);
    }

    public ApiError error() {
        return error;
    }

    static TwinException thingNotFound(String thingId) {
        return new TwinException(404, "things:thing.notfound", "The Thing with ID '" + thingId
                + "' could not be found or the requester had insufficient permissions to access it.",
                "Check if the ID of your requested Thing was correct and you have sufficient permissions.");
    }

    static TwinException invalid(String what) {
        return new TwinException(400, "things:thing.invalid", what, "Check the JSON of the request body.");
    }
}
