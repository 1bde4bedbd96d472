package io.parkops.adapters.mqtt.endpoint;

import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and restarts reading one connection's socket: the endpoint's flow control for clients that
 * do not honour the receive maximum (MQTT 3.1.1 has none). Vert.x's {@code MqttEndpoint} does not
 * offer pause and resume, but its socket does (pausing it turns off Netty's auto-read, so TCP pushes
 * back on the client); the socket is the endpoint's private {@code conn} field, read once here.
 * Should a Vert.x version rename it, the endpoint logs that once and works without this bound
 * (MQTT 5 clients still keep to the receive maximum).
 */
final class SocketFlow {

    private static final Logger LOG = LoggerFactory.getLogger(SocketFlow.class);
    private static final Field CONN = connField();

    private final NetSocket socket;
    private boolean paused;

    private SocketFlow(NetSocket socket) {
        this.socket = socket;
    }

    static SocketFlow of(MqttEndpoint endpoint) {
        if (CONN == null || !CONN.getDeclaringClass().isInstance(endpoint)) {
            return new SocketFlow(null);
        }
        try {
            return new SocketFlow((NetSocket) CONN.get(endpoint));
        } catch (IllegalAccessException | ClassCastException e) {
            return new SocketFlow(null);
        }
    }

    /** Stops reading (idempotent). Messages already read from the socket are still delivered. */
    void pause() {
        if (!paused && socket != null) {
            paused = true;
            socket.pause();
        }
    }

    /** Reads again (idempotent). */
    void resume() {
        if (paused) {
            paused = false;
            socket.resume();
        }
    }

    boolean paused() {
        return paused;
    }

    private static Field connField() {
        try {
            Field f = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot reach the MQTT connections' sockets ({}): MQTT 3.1.1 clients are not paused at the receive maximum", e.toString());
            return null;
        }
    }
}
