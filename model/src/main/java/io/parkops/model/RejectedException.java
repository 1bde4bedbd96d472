package io.parkops.model;

/** A message refused at ingress, with the reason and a text that tells the sender what to fix. */
public final class RejectedException extends RuntimeException {

    private final Rejection reason;

    public RejectedException(Rejection reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Rejection reason() {
        return reason;
    }
}
