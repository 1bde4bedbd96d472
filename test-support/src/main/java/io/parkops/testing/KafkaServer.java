package io.parkops.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka for a test: one KRaft node that is broker and controller at once, on
 * loopback, with its log in a folder of its own. Formatted with Kafka's own storage tool and
 * started as Kafka starts itself, only in this JVM ({@link #start}) or, for tests that must stop
 * or kill it without losing the test JVM, as a process of its own ({@link #main}).
 *
 * <p>Internal topics get replication 1 (there is one broker), and a new consumer group starts
 * at once instead of waiting three seconds for more members.
 *
 * <p>Or a Kafka someone else started ({@link #external}: {@code ./parkops test} starts one with
 * {@code infra/local/kafka.sh}), which {@link #close} leaves running.
 */
public final class KafkaServer implements AutoCloseable {

    /** The line {@link #main} prints once clients can connect. */
    public static final String READY = "parkops-test-kafka ready";

    private final KafkaRaftServer server;
    private final String bootstrap;
    private final int port;
    private final Path dir;

    private KafkaServer(KafkaRaftServer server, String bootstrap, int port, Path dir) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.port = port;
        this.dir = dir;
    }

    /**
     * A Kafka already running at {@code bootstrap} ({@code host:port,...}); fails when its first
     * server does not accept connections within 10 s. Not stopped by {@link #close}.
     */
    public static KafkaServer external(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not host:port[,host:port...]: " + bootstrap);
        }
        int port = Integer.parseInt(first.substring(colon + 1));
        awaitListening(first.substring(0, colon), port, Duration.ofSeconds(10));
        return new KafkaServer(null, bootstrap, port, null);
    }

    /** Formats {@code dir} (when new) and starts a node there for clients on 127.0.0.1:{@code port}; returns once it answers. */
    public static KafkaServer start(Path dir, int port) {
        Path properties = writeProperties(dir, port, FreePort.tcp());
        if (!Files.exists(dir.resolve("log").resolve("meta.properties"))) { // a restart keeps its log
            format(properties);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(load(properties), false), Time.SYSTEM);
        server.startup();
        KafkaServer started = new KafkaServer(server, bootstrap(port), port, dir);
        awaitListening("127.0.0.1", port, Duration.ofSeconds(60));
        return started;
    }

    /** {@code host:port} as {@code bootstrap.servers} (and {@code PARKOPS_KAFKA_BOOTSTRAP}) take it. */
    public String bootstrap() {
        return bootstrap;
    }

    public static String bootstrap(int port) {
        return "127.0.0.1:" + port;
    }

    /** The (first) server's client port. */
    public int port() {
        return port;
    }

    /** Where the server started in this JVM keeps its log; null for an {@link #external} one. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /**
     * {@code KafkaServer DIR PORT}: runs a node as a process of its own until it is killed, printing
     * {@link #READY} once clients can connect (see {@link KafkaProcess}).
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: KafkaServer DIR PORT");
            System.exit(2);
        }
        KafkaServer server = start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kafka-shutdown"));
        System.out.println(READY);
        System.out.flush();
        server.server.awaitShutdown();
    }

    private static Path writeProperties(Path dir, int port, int controllerPort) {
        try {
            Files.createDirectories(dir.resolve("log"));
            Path file = dir.resolve("server.properties");
            if (Files.exists(file)) { // a restart keeps its ports and its formatted log
                return file;
            }
            String text = String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + dir.resolve("log").toAbsolutePath(),
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=4",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false",
                    "");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path properties) {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", properties.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("formatting Kafka's log in " + properties.getParent() + " failed: "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static void awaitListening(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Kafka on " + host + ":" + port + " does not accept connections after " + timeout);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }
}
