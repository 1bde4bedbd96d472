package io.parkops.bench.load;

/**
 * One transport of the load generator. A sender gets its {@link Callback} when it is opened and
 * calls it exactly once per message it was given: one shared callback instead of one per message
 * keeps the per-message allocation (and the generator's CPU) down.
 */
interface Sender extends AutoCloseable {

    /** Outcome of one message. */
    enum Outcome { ACCEPTED, REFUSED, FAILED }

    interface Callback {
        void done(Outcome outcome);

        /**
         * The outcome of a message whose topic and device timestamp the transport knows (MQTT): the
         * acknowledgement's latency and, when asked for, which message was acknowledged.
         */
        default void done(Outcome outcome, String topic, long sentAtMillis) {
            done(outcome);
        }
    }

    /** Hands one message to the transport; called from one thread only (the pacing loop). */
    void send(int device, byte[] payload);

    @Override
    void close();
}
