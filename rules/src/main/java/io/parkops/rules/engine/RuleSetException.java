package io.parkops.rules.engine;

/** A rule file or rule list that cannot be used; the message names the source, the rule and the field. */
public final class RuleSetException extends IllegalArgumentException {

    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
