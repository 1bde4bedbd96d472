package io.parkops.rules.api;

import io.vertx.core.json.JsonObject;

/**
 * "Save this rule" or "delete this rule", sent by the HTTP side to the rules verticle (which owns
 * the rule files and the engine) over the local event bus. The reply is the rule's JSON, or a
 * failure whose code is the HTTP status and whose message says what is wrong.
 */
public record RuleCommand(Action action, String ruleId, String body) {

    public enum Action { PUT, DELETE }

    /** Internal to the rules module; not part of the external contract. */
    public static final String ADDRESS = "parkops.rules.rule.command";

    /** Header of a command that came from the cluster's shared config: applied here, not shared again. */
    public static final String FROM_SHARED_LOG = "parkops-rule-from-shared-log";

    public JsonObject toJson() {
        return new JsonObject().put("action", action.name()).put("id", ruleId).put("body", body);
    }

    public static RuleCommand fromJson(JsonObject json) {
        return new RuleCommand(Action.valueOf(json.getString("action")), json.getString("id"), json.getString("body"));
    }
}
