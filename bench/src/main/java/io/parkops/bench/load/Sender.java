package io.parkops.bench.load;

/** One transport of the load generator: sends a message and calls back exactly once. */
interface Sender extends AutoCloseable {

    /** Outcome of one message. */
    enum Outcome { ACCEPTED, REFUSED, FAILED }

    interface Callback {
        void done(Outcome outcome);
    }

    void send(int device, byte[] payload, Callback callback);

    @Override
    void close();
}
