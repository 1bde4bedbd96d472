package io.parkops.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Hands tests the real servers they need, as {@link InfluxServer}, {@link MosquittoServer} and
 * {@link KafkaServer} parameters.
 *
 * <p>Where they come from, in order: the servers {@code ./parkops test} started (addresses in
 * {@code PARKOPS_TEST_INFLUX_URL}, {@code PARKOPS_TEST_MQTT_URL} and
 * {@code PARKOPS_TEST_KAFKA_BOOTSTRAP}); containers, where a Docker engine answers (Kafka: a broker
 * in the test JVM instead); otherwise the test fails and says how to get the servers. Never a fake.
 */
public final class RealServices implements ParameterResolver {

    public static final String INFLUX_ENV = "PARKOPS_TEST_INFLUX_URL";
    public static final String MQTT_ENV = "PARKOPS_TEST_MQTT_URL";
    public static final String KAFKA_ENV = "PARKOPS_TEST_KAFKA_BOOTSTRAP";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealServices.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == InfluxServer.class || type == MosquittoServer.class || type == KafkaServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        Class<?> type = parameter.getParameter().getType();
        if (type == InfluxServer.class) {
            return store.getOrComputeIfAbsent(InfluxServer.class, k -> influx(store), InfluxServer.class);
        }
        if (type == KafkaServer.class) {
            return store.getOrComputeIfAbsent(KafkaServer.class, k -> kafka(store), KafkaServer.class);
        }
        return store.getOrComputeIfAbsent(MosquittoServer.class, k -> mosquitto(store), MosquittoServer.class);
    }

    private static InfluxServer influx(ExtensionContext.Store store) {
        String url = System.getenv(INFLUX_ENV);
        if (url == null && dockerAvailable()) {
            GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("influxdb:1.8"))
                    .withExposedPorts(8086).waitingFor(Wait.forHttp("/ping").forStatusCode(204));
            c.start();
            store.put("influx-container", (ExtensionContext.Store.CloseableResource) c::stop);
            url = "http://" + c.getHost() + ':' + c.getMappedPort(8086);
        }
        if (url == null) {
            throw missing("InfluxDB", INFLUX_ENV, "http://127.0.0.1:8086");
        }
        InfluxServer server = new InfluxServer(url);
        if (!server.ping()) {
            throw new ParameterResolutionException("InfluxDB at " + url + " (" + INFLUX_ENV + ") does not answer /ping");
        }
        return server;
    }

    /**
     * One Kafka for every test of this JVM: tests keep apart by topic prefix. The one
     * {@code ./parkops test} started ({@code PARKOPS_TEST_KAFKA_BOOTSTRAP}), or else one in the JVM
     * itself (started from the Maven artifact in a few seconds, no Docker), stopped and its folder
     * deleted when the run ends.
     */
    private static KafkaServer kafka(ExtensionContext.Store store) {
        String bootstrap = System.getenv(KAFKA_ENV);
        if (bootstrap != null && !bootstrap.isBlank()) {
            try {
                return KafkaServer.external(bootstrap);
            } catch (RuntimeException e) {
                throw new ParameterResolutionException("Kafka at " + bootstrap + " (" + KAFKA_ENV + "): " + e.getMessage());
            }
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("parkops-test-kafka");
        } catch (IOException e) {
            throw new ParameterResolutionException("no temporary folder for Kafka: " + e);
        }
        KafkaServer server = KafkaServer.start(dir, FreePort.tcp());
        store.put("kafka-server", (ExtensionContext.Store.CloseableResource) () -> {
            server.close();
            deleteTree(dir);
        });
        return server;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static MosquittoServer mosquitto(ExtensionContext.Store store) {
        String url = System.getenv(MQTT_ENV);
        if (url == null && dockerAvailable()) {
            GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0"))
                    .withExposedPorts(1883)
                    .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");
            c.start();
            store.put("mosquitto-container", (ExtensionContext.Store.CloseableResource) c::stop);
            url = "tcp://" + c.getHost() + ':' + c.getMappedPort(1883);
        }
        if (url == null) {
            throw missing("Mosquitto", MQTT_ENV, "tcp://127.0.0.1:1883");
        }
        URI uri = URI.create(url);
        MosquittoServer server = new MosquittoServer(uri.getHost(), uri.getPort());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.host(), server.port()), 2000);
        } catch (Exception e) {
            throw new ParameterResolutionException("Mosquitto at " + url + " (" + MQTT_ENV + ") refuses connections: " + e);
        }
        return server;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static ParameterResolutionException missing(String what, String env, String example) {
        return new ParameterResolutionException("This test needs a real " + what + ". Run the suite with "
                + "'./parkops test' (it starts one), or set " + env + " (e.g. " + example + "), or run where a Docker engine answers.");
    }
}
