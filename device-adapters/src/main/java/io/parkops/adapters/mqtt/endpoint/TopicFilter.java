package io.parkops.adapters.mqtt.endpoint;

/**
 * MQTT topic filters (MQTT 3.1.1 §4.7, MQTT 5 §4.7): {@code +} matches one level, {@code #} the
 * rest, and a topic starting with {@code $} is never matched by a wildcard in the first level.
 * Pure, for the endpoint's own routing of commands and alerts.
 */
final class TopicFilter {

    private TopicFilter() {
    }

    /** Whether {@code filter} is a well-formed filter: wildcards only as whole levels, {@code #} only last. */
    static boolean isValid(String filter) {
        if (filter == null || filter.isEmpty() || filter.indexOf('\u0000') >= 0) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.contains("+") || level.contains("#");
            if (wildcard && level.length() != 1) {
                return false;
            }
            if (level.equals("#") && i != levels.length - 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code topic} (no wildcards) matches {@code filter} (assumed valid). */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // also the parent level: "a/#" matches "a"
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
