package io.parkops.model.config;

/**
 * Where a configuration change goes before a store keeps it. On one node nothing is shared
 * ({@link #LOCAL}); in a cluster the change is written to a compacted Kafka topic, keyed
 * {@code kind/id}, that every node reads whole and applies through the store's own
 * {@code applyShared} method (which never shares again, so nothing echoes).
 *
 * <p>A store calls {@link #publish} after it has checked the change and before it keeps it, so a
 * change the API confirmed is on every node's way, and one Kafka refused is nowhere.
 */
public interface SharedConfig {

    /** The kinds of record, the first part of the key. */
    enum Kind {
        TOKEN("token"), SITE("site"), DEVICE("device"), TYPE("type"), RULE("rule"), MAINTENANCE("maintenance");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        public String key(String id) {
            return prefix + "/" + id;
        }
    }

    /**
     * Makes {@code value} the shared value of {@code kind/id} ({@code null}: deleted). Blocking: returns
     * once every node can read it; call it from a worker thread.
     *
     * @throws Unavailable when the shared log does not take it in time (nothing is applied then)
     */
    void publish(Kind kind, String id, String value);

    /** One node: nothing to share. */
    SharedConfig LOCAL = (kind, id, value) -> { };

    /** How a store takes a change that came through the shared log ({@code value} null: deleted). */
    @FunctionalInterface
    interface Applier {
        void apply(String id, String value);
    }

    /**
     * The shared log did not acknowledge a change; the API answers 503 and this node did not keep it.
     * (When Kafka took it after all, as can happen on a timeout, every node applies it from the log.)
     */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
