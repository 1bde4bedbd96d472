package io.parkops.testing;

/** A real Mosquitto broker for a test (anonymous access on loopback). */
public record MosquittoServer(String host, int port) {

    /** {@code tcp://host:port}, the form {@code PARKOPS_MQTT_URL} takes. */
    public String url() {
        return "tcp://" + host + ':' + port;
    }
}
