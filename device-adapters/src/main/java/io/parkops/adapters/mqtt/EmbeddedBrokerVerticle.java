package io.parkops.adapters.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.parkops.adapters.mqtt.auth.BrokerSecurity;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HiveMQ CE inside the platform JVM. Its configuration is written on every start from
 * {@link EmbeddedBrokerConfig}, with anonymous usage statistics off (a broker in a plant room
 * must not phone home) and persistence under the data dir.
 */
public final class EmbeddedBrokerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerVerticle.class);

    /** HiveMQ CE's own gauge of open MQTT connections. */
    private static final String CONNECTIONS_METRIC = "com.hivemq.networking.connections.current";

    /**
     * Messages the broker queues per session (and per shared subscription) for a subscriber that
     * is away or slow: commands for an offline device, alerts for a crew's client. Device telemetry
     * is not queued (the {@link BrokerIntake} takes it as it arrives). HiveMQ's default, 1,000,
     * would discard silently; the queue lives in the broker's disk store.
     */
    static final int MAX_QUEUED_MESSAGES = 1_000_000;

    private final EmbeddedBrokerConfig config;
    private volatile EmbeddedHiveMQ broker;
    private BrokerSecurity security;
    private BrokerIntakeVerticle intake;
    private String tlsListener = "";

    public EmbeddedBrokerVerticle(EmbeddedBrokerConfig config) {
        this.config = config;
    }

    /**
     * Authenticates and authorizes every client through {@code security} (an embedded HiveMQ
     * extension); without it the broker lets anyone in. Call before deploying.
     */
    public EmbeddedBrokerVerticle withSecurity(BrokerSecurity brokerSecurity) {
        this.security = brokerSecurity;
        return this;
    }

    /**
     * Takes device telemetry and events inside the broker through {@code brokerIntake} (deployed
     * before this verticle). Without it the broker routes them like any message. Call before deploying.
     */
    public EmbeddedBrokerVerticle withIntake(BrokerIntakeVerticle brokerIntake) {
        this.intake = brokerIntake;
        return this;
    }

    /**
     * Adds an MQTT-over-TLS listener on {@code port} with the key and certificate in {@code keystore}
     * (PKCS12 or JKS; the key's password must be the store's); the plain listener stays. Call before deploying.
     */
    public EmbeddedBrokerVerticle withTls(Path keystore, String password, int port) {
        this.tlsListener = """
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <tls>
                        <keystore>
                          <path>%s</path>
                          <password>%s</password>
                          <private-key-password>%s</private-key-password>
                        </keystore>
                      </tls>
                    </tls-tcp-listener>
                """.formatted(port, xml(config.bindAddress()), xml(keystore.toAbsolutePath().toString()), xml(password), xml(password));
        return this;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public boolean isRunning() {
        return broker != null;
    }

    /** MQTT connections the broker holds now (devices plus the platform's own), or -1 when not running. */
    public long connections() {
        EmbeddedHiveMQ b = broker;
        if (b == null) {
            return -1;
        }
        var gauge = b.getMetricRegistry().getGauges().get(CONNECTIONS_METRIC);
        return gauge == null || !(gauge.getValue() instanceof Number n) ? -1 : n.longValue();
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
            Path conf = Files.createDirectories(config.dataDir().resolve("conf"));
            Path data = Files.createDirectories(config.dataDir().resolve("data"));
            Path extensions = Files.createDirectories(config.dataDir().resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);
            var builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap();
            if (security != null || intake != null) {
                builder = builder.withEmbeddedExtension(extension());
            }
            PersistenceBuckets.apply(PersistenceBuckets.choose(data));
            EmbeddedHiveMQ hivemq = builder.build();
            long started = System.nanoTime();
            hivemq.start().join();
            broker = hivemq;
            LOG.info("embedded HiveMQ CE broker listening on tcp {}:{} (started in {} ms)", config.bindAddress(), config.port(),
                    (System.nanoTime() - started) / 1_000_000);
            return null;
        });
    }

    /** ParkOps inside HiveMQ: device authentication and authorization, and the telemetry intake. */
    private EmbeddedExtension extension() {
        BrokerSecurity sec = security;
        PublishInboundInterceptor interceptor = intake == null ? null : intake.interceptor();
        return EmbeddedExtension.builder()
                .withId("parkops")
                .withName("ParkOps device security and telemetry intake")
                .withVersion("1")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        if (sec != null) {
                            sec.install();
                        }
                        if (interceptor != null) {
                            Services.initializerRegistry().setClientInitializer((client, ctx) -> ctx.addPublishInboundInterceptor(interceptor));
                        }
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
                        // nothing to undo: the broker drops providers and interceptors with the extension
                    }
                })
                .build();
    }

    private String configXml() {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                %s  </listeners>
                  <mqtt>
                    <packets>
                      <max-packet-size>%d</max-packet-size>
                    </packets>
                    <queued-messages>
                      <max-queue-size>%d</max-queue-size>
                    </queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(config.port(), config.bindAddress(), tlsListener, config.maxPacketBytes(), MAX_QUEUED_MESSAGES);
    }

    @Override
    public Future<?> stop() {
        EmbeddedHiveMQ b = broker;
        broker = null;
        if (b == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            b.close();
            if (security != null) {
                security.close();
            }
            return null;
        });
    }
}
