package io.parkops.platform;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.adapters.catalog.DeviceTypeFolder;
import io.parkops.adapters.catalog.DeviceTypeFolderVerticle;
import io.parkops.adapters.catalog.DeviceTypesApi;
import io.parkops.adapters.command.CommandDeliveryVerticle;
import io.parkops.adapters.command.PendingCommands;
import io.parkops.adapters.coap.CoapIngressConfig;
import io.parkops.adapters.coap.CoapIngressVerticle;
import io.parkops.adapters.coap.CoapsConfig;
import io.parkops.adapters.ingest.IngestLimits;
import io.parkops.adapters.mqtt.BrokerIntakeVerticle;
import io.parkops.adapters.mqtt.auth.BrokerSecurity;
import io.parkops.adapters.mqtt.endpoint.EndpointSettings;
import io.parkops.adapters.mqtt.endpoint.MqttEndpointVerticle;
import io.parkops.adapters.security.PersonTokens;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.ServiceLogin;
import io.parkops.adapters.ingest.IngestMetrics;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.parkops.adapters.mqtt.EmbeddedBrokerConfig;
import io.parkops.adapters.mqtt.MqttIngressConfig;
import io.parkops.adapters.registry.BootstrapFile;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.registry.RegistryStore;
import io.parkops.adapters.registry.DeviceRequest;
import io.parkops.adapters.registry.DevicesApi;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.cluster.ClusterNode;
import io.parkops.cluster.RuleOwners;
import io.parkops.cluster.TwinEditLog;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.EventStreams;
import io.parkops.model.http.TokenSessions;
import io.parkops.model.flow.IngestGate;
import io.parkops.platform.config.FlowTuning;
import io.parkops.platform.auth.AuditLog;
import io.parkops.platform.auth.AuthHandler;
import io.parkops.platform.auth.Principal;
import io.parkops.platform.auth.TokenPeople;
import io.parkops.platform.auth.TokenStore;
import io.parkops.platform.auth.TokensApi;
import io.parkops.platform.config.PlatformConfig;
import io.parkops.platform.http.Health;
import io.parkops.platform.http.HttpServerVerticle;
import io.parkops.platform.http.Dashboard;
import io.parkops.platform.http.SecurityHeaders;
import io.parkops.platform.http.MetricsEndpoint;
import io.parkops.platform.insights.InsightsApi;
import io.parkops.platform.sites.SiteStore;
import io.parkops.platform.sites.SitesApi;
import io.parkops.platform.sites.SitesBootstrap;
import io.parkops.rules.RulesConfig;
import io.parkops.rules.RulesVerticle;
import io.parkops.rules.alerts.AlertStore;
import io.parkops.rules.engine.AlertBook;
import io.parkops.rules.api.BacktestApi;
import io.parkops.rules.api.RulesApi;
import io.parkops.rules.backtest.InfluxHistory;
import io.parkops.rules.notify.DeadLetters;
import io.parkops.rules.notify.NotifyApi;
import io.parkops.rules.notify.NotifyConfig;
import io.parkops.rules.notify.NotifyVerticle;
import io.parkops.rules.notify.Webhooks;
import io.parkops.rules.alerts.AlertsApi;
import io.parkops.rules.engine.RuleSet;
import io.parkops.rules.influx.InfluxClients;
import io.parkops.rules.influx.InfluxConfig;
import io.parkops.rules.influx.InfluxWriterVerticle;
import io.parkops.rules.influx.SpoolConfig;
import io.parkops.twins.TwinVerticle;
import io.parkops.twins.TwinWriter;
import io.parkops.twins.ditto.DittoBackendConfig;
import io.parkops.twins.ditto.DittoBackendVerticle;
import io.parkops.twins.ditto.DittoTwinSync;
import io.parkops.twins.desired.TypeCommands;
import io.parkops.twins.desired.CommandVerticle;
import io.parkops.twins.api.ThingsApi;
import io.parkops.twins.api.ThingsStream;
import io.parkops.twins.search.PlacesApi;
import io.parkops.twins.search.SearchApi;
import io.parkops.twins.ws.DittoWebSocket;
import io.parkops.twins.store.TwinPersistence;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ParkOps instance in one JVM: the verticles of every module wired along the data flow
 * {@code ingress -> twins -> rules -> InfluxDB}, plus the HTTP API. Consumers are deployed before
 * producers so no early message finds nobody listening.
 */
public final class Platform {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final String SHARE_GROUP = "parkops";
    /** Lag older than this (Kafka not answering the offset requests) makes the kafka check DEGRADED. */
    private static final long KAFKA_OFFSETS_STALE_MS = 10_000;
    /** How often the device-type folder is checked for edits (hot reload). */
    private static final long TYPE_SCAN_MILLIS = 1000;
    /** Largest MQTT packet read: above the ingest limit, so an oversized message is refused and counted, not cut off. */
    private static final int MQTT_MAX_PACKET_BYTES = 2 * 1024 * 1024;

    private final Vertx vertx;
    private final PlatformConfig config;
    private final PrometheusMeterRegistry metrics;
    private final DeviceTypeCatalog catalog = DeviceTypeCatalog.builtin();
    private final DeviceRegistry registry = new DeviceRegistry();
    private TwinPersistence twinFiles;
    private TwinStore twins;
    private final AlertStore alerts;
    private final List<String> deployments = new ArrayList<>();
    /** What each deployment is, for the log when stopping it takes long. */
    private final java.util.Map<String, String> deployed = new java.util.concurrent.ConcurrentHashMap<>();
    private final TelemetryIngest ingest;
    private final IngestGate gate;
    private final DeviceTypeFolder typeFolder;
    private InfluxWriterVerticle influx;
    private MqttEdge mqtt;
    private CoapIngressVerticle coap;
    private HttpServerVerticle http;
    private InsightsApi insights;
    private TokenStore tokens;
    private final TokenSessions tokenSessions = new TokenSessions(); // what each token holds open, closed when it goes
    private RegistryStore registryStore;
    private SiteStore sites;
    private AuditLog audit;
    private RulesVerticle rules;
    private ClusterNode cluster;
    private SharedStores sharedStores;
    private final DeadLetters deadLetters = new DeadLetters(1000);
    /** The platform's own login on the embedded broker; its secret never leaves this process. */
    private final ServiceLogin serviceLogin = ServiceLogin.generate();

    private Platform(Vertx vertx, PlatformConfig config, PrometheusMeterRegistry metrics) {
        this.metrics = metrics;
        this.vertx = vertx;
        this.config = config;
        this.alerts = new AlertStore(new AlertBook(config.alertsKeepCleared()));
        FlowTuning flow = config.flow();
        this.gate = new IngestGate(flow.ingestMaxInFlight(), flow.ingestRetryAfterSeconds());
        this.ingest = new TelemetryIngest(registry, catalog, new IngestMetrics(metrics),
                new IngestLimits(config.maxPayloadBytes(), flow.deviceRate(), flow.deviceBurst(),
                        Duration.ofSeconds(flow.deviceMaxPaceSeconds())), gate);
        this.typeFolder = new DeviceTypeFolder(catalog, config.dataDir().resolve("device-types"),
                typeId -> registry.all().stream().anyMatch(d -> d.typeId().equals(typeId)));
    }

    /**
     * Starts every component, with {@code metrics} as the registry behind {@code /metrics} (the one
     * Vert.x reports into, see {@link PlatformVertx}); fails with the first component that cannot start.
     */
    public static Future<Platform> start(Vertx vertx, PlatformConfig config, PrometheusMeterRegistry metrics) {
        Platform p = new Platform(vertx, config, metrics);
        return p.startAll().map(p).recover(e -> p.stop().transform(ignored -> Future.failedFuture(e)));
    }

    private Future<Void> startAll() {
        LocalCodec.registerAll(vertx);
        JvmMeters.bindTo(metrics);
        typeFolder.scan(); // before the bootstrap file, which may name types defined in the folder
        registryStore = new RegistryStore(config.dataDir().resolve("registry").resolve("devices.mv"));
        registry.persistTo(registryStore); // devices provisioned over the API come back after a restart
        twinFiles = TwinPersistence.open(config.dataDir().resolve("twins"), Duration.ofMillis(config.twinCommitIntervalMs()));
        twins = new TwinStore(catalog, twinFiles);
        long now = System.currentTimeMillis();
        config.bootstrapFile().ifPresent(file -> {
            BootstrapFile.Contents contents = BootstrapFile.read(file, new DeviceRequest(catalog),
                    id -> registry.find(id) != null);
            contents.tenants().forEach(registry::addTenant);
            contents.devices().forEach(d -> registry.add(d, contents.credentials().get(d.id())));
            LOG.info("bootstrap file {}: {} tenants, {} devices", file, contents.tenants().size(), contents.devices().size());
        });
        sites = SiteStore.in(config.dataDir());
        config.bootstrapFile().ifPresent(file -> SitesBootstrap.read(file).forEach(sites::putIfAbsent));
        sites.all().forEach(site -> registry.addTenant(site.id())); // a declared site is a tenant devices may use
        sites.whenKept(registry::addTenant); // and so is one added later, through the API
        registry.all().forEach(d -> twins.create(d, now));
        tokens = new TokenStore(config.dataDir(), config.adminToken());
        tokens.onRevoked(tokenSessions::revoke);
        Gauge.builder("parkops.token.sessions", tokenSessions, TokenSessions::open)
                .description("Event streams, Ditto WebSockets and MQTT sessions open with an API token (closed when it is deleted)")
                .register(metrics);
        audit = new AuditLog(config.dataDir());

        FlowTuning flow = config.flow();
        InfluxConfig influxConfig = InfluxConfig.of(config.influxUrl(), config.influxDb()).withBatching(flow.influxBatchSize(),
                Duration.ofMillis(flow.influxFlushIntervalMs()), flow.influxMaxQueuedPoints());
        SpoolConfig spool = new SpoolConfig(SpoolConfig.in(config.dataDir()).file(), flow.spoolMaxBytes());
        // in a cluster telemetry points come from Kafka (the InfluxDB writer group, with the parkops_influx_* meters)
        influx = config.cluster().isPresent() ? InfluxWriterVerticle.alertsOnly(influxConfig, spool, new SimpleMeterRegistry())
                : new InfluxWriterVerticle(influxConfig, spool, metrics, gate);
        RuleSet defaultRules = TypeRules.withTypeRules(RuleSet.builtin(), catalog.all());
        rules = new RulesVerticle(RulesConfig.of(config.dataDir()), defaultRules, alerts, catalog).withMetrics(metrics);
        // in a cluster each thing's rules run on the node that owns its partition
        RuleOwners owners = config.cluster().map(RuleOwners::new).orElse(null);
        if (owners != null) {
            rules.sharedThrough(owners);
        }
        TypeRules.follow(catalog, defaultRules, rules);
        http = new HttpServerVerticle(config.bindAddress(), config.httpPort(), this::router);
        config.tlsKeystore().ifPresent(ks -> http.withTls(ks, config.tlsKeystorePassword().orElseThrow()));
        PendingCommands pendingCommands = new PendingCommands();
        DeviceAuthMetrics deviceAuth = new DeviceAuthMetrics(metrics);
        coap = new CoapIngressVerticle(new CoapIngressConfig(config.bindAddress(), config.coapPort(),
                        Duration.ofSeconds(flow.coapDeduplicationSeconds()), flow.coapDeduplicatedPerDevice(),
                        Duration.ofMillis(flow.coapSeparateAckMillis())), ingest)
                .withCommands(pendingCommands)
                .withSecurity(new CoapsConfig(config.coapsPort(), config.coapAllowUnauthenticated(), registry, deviceAuth));
        URI brokerUri = config.mqttUrl().orElse(URI.create("tcp://127.0.0.1:" + config.mqttPort()));
        // one broker link for the ingress and command delivery (which adds "-cmd" to the client id)
        MqttIngressConfig brokerLink = new MqttIngressConfig(brokerUri.getHost(), brokerUri.getPort(),
                "parkops-" + config.dataDir().toAbsolutePath().normalize().toString().hashCode(), SHARE_GROUP,
                config.mqttSessionExpirySeconds(), flow.mqttReceiveMaximum());
        mqtt = mqttEdge(brokerLink, deviceAuth, pendingCommands);
        mqtt.registerMeters(metrics);

        Future<Void> chain = deploy(new DeviceTypeFolderVerticle(typeFolder, TYPE_SCAN_MILLIS))
                .compose(v -> deploy(influx))
                .compose(v -> deploy(rules))
                .compose(v -> deploy(new TwinVerticle(twins)))
                .compose(v -> deploy(new CommandVerticle(twins, new TypeCommands(catalog), Duration.ofSeconds(2))));
        if ("ditto".equals(config.twinBackend())) {
            DittoTwinSync sync = new DittoTwinSync(DittoBackendConfig.parse(config.dittoUrl().orElseThrow(),
                    Duration.ofMillis(config.twinCommitIntervalMs())), catalog);
            registry.all().forEach(sync::offer);
            chain = chain.compose(v -> deploy(new DittoBackendVerticle(sync)));
        }
        if (config.cluster().isPresent()) { // before any edge: edges hand their messages to Kafka
            // the shared configuration is read whole before the rules' partitions, the edges and the API open;
            // from then on API changes go through Kafka
            SharedStores shared = new SharedStores(vertx, tokens, sites, registry, typeFolder, rules,
                    config.dataDir().resolve("maintenance.json"));
            chain = chain.compose(v -> ClusterNode.start(vertx, config.cluster().get(), influxConfig, metrics,
                    new ClusterNode.Locals(rules, owners, alerts, twins), shared.appliers())).map(node -> {
                cluster = node;
                sharedStores = shared;
                shared.shareThrough(node.sharedConfig());
                ingest.handingOnTo(node.onward());
                // an edit through this node's API reaches every node's twin; theirs reach this one
                vertx.eventBus().<io.vertx.core.json.JsonObject>localConsumer(TwinEditLog.ADDRESS, m -> applyEditFromElsewhere(m.body()));
                twins.handEditsTo(node.twinEdits()::handOn);
                return null;
            });
        } else {
            // one node: the edge's own thread writes the twin and publishes the change, no hop to a twin verticle
            ingest.handingOnTo(new TwinWriter(twins, vertx.eventBus())::apply);
        }
        chain = chain.compose(v -> mqtt.deployBroker(this::deploy));
        // alert notifications (MQTT alerts/{tenant}/{deviceId}, webhooks from {data dir}/webhooks.json)
        NotifyVerticle notify = new NotifyVerticle(NotifyConfig.of(mqtt.isVertxEndpoint() ? null : mqttHost(), mqttPort(),
                Webhooks.load(config.dataDir().resolve("webhooks.json"))), deadLetters);
        if (owners != null) {
            notify.webhooksOnlyWhen(alert -> owners.owns(alert.thingId())); // once, from the owner
        }
        CommandDeliveryVerticle commandDelivery = mqtt.isVertxEndpoint() ? CommandDeliveryVerticle.toEndpoint(pendingCommands)
                : new CommandDeliveryVerticle(brokerLink, pendingCommands);
        if (mqtt.isVertxEndpoint()) {
            notify.viaMqttEndpoint(); // the endpoint publishes alerts and commands itself: no client of any broker
        } else if (config.mqttUrl().isEmpty()) {
            notify.withLogin(serviceLogin.username(), serviceLogin.password());
            commandDelivery.withLogin(serviceLogin.username(), serviceLogin.password());
        }
        chain = chain.compose(v -> deploy(notify));
        return chain.compose(v -> deploy(commandDelivery))
                .compose(v -> mqtt.deployIngress(this::deploy))
                .compose(v -> deploy(coap))
                .compose(v -> deploy(http));
    }

    /** Where devices' MQTT comes in: an external broker, ParkOps's own Vert.x endpoint, or the embedded HiveMQ CE. */
    private MqttEdge mqttEdge(MqttIngressConfig brokerLink, DeviceAuthMetrics deviceAuth, PendingCommands pendingCommands) {
        PersonTokens people = new TokenPeople(tokens, tokenSessions);
        if (config.mqttUrl().isPresent()) {
            return MqttEdge.external(brokerLink, ingest);
        }
        if (config.vertxMqttEndpoint()) {
            return MqttEdge.vertx(new MqttEndpointVerticle(new EndpointSettings(config.bindAddress(), config.mqttPort(),
                    config.tlsKeystore().orElse(null), config.tlsKeystorePassword().orElse(null), config.mqttsPort(),
                    config.flow().mqttEndpointReceiveMaximum(), MQTT_MAX_PACKET_BYTES, config.mqttAllowUnauthenticated(),
                    BrokerIntakeVerticle.STORE_TIMEOUT), ingest, registry, people, deviceAuth, pendingCommands));
        }
        return MqttEdge.embedded(new EmbeddedBrokerConfig(config.bindAddress(), config.mqttPort(), config.dataDir().resolve("broker"),
                        MQTT_MAX_PACKET_BYTES), ingest,
                config.mqttAllowUnauthenticated() ? null : new BrokerSecurity(registry, serviceLogin, SHARE_GROUP, people, deviceAuth),
                config.tlsKeystore().orElse(null), config.tlsKeystorePassword().orElse(null), config.mqttsPort());
    }

    private Router router(Vertx v) {
        Router router = Router.router(v);
        SecurityHeaders.mount(router); // first: every response, errors and the dashboard's files included
        // Vert.x answers these itself (body limits, unmatched methods) in plain text: keep the error JSON contract
        router.errorHandler(413, ctx -> ApiError.of(413, "request.too-large", "the request body is larger than this endpoint accepts")
                .send(ctx.response()));
        router.errorHandler(400, ctx -> ApiError.of(400, "request.invalid", "the request cannot be read: "
                + (ctx.failure() == null ? "bad request" : ctx.failure().getMessage())).send(ctx.response()));
        Health health = new Health(v)
                .check("mqtt", mqtt::ingressHealth)
                .check("coap", () -> coap.isRunning() ? Health.Finding.up()
                        : new Health.Finding(Health.Level.DOWN, "CoAP server is not running"))
                .checkAsync("influxdb", () -> influx.influxReachable().map(up -> up ? Health.Finding.up()
                        : new Health.Finding(Health.Level.DEGRADED, "InfluxDB does not answer at " + InfluxClients.redacted(config.influxUrl())
                                + "; points are spooled to disk until it does")))
                .check("spool", this::spoolHealth)
                .check("broker", mqtt::brokerHealth)
                .check("twins", () -> twinFiles != null ? Health.Finding.up()
                        : new Health.Finding(Health.Level.DOWN, "the twin store is closed"));
        if (config.cluster().isPresent()) {
            health.check("kafka", this::kafkaHealth).node(config.cluster().get().nodeId());
        }
        health.mount(router);
        new MetricsEndpoint(metrics).mount(router);
        AuthHandler auth = new AuthHandler(tokens, audit, tokenSessions);
        router.route("/api/*").handler(auth);
        router.route("/ws/2").handler(auth);
        new TokensApi(tokens, registry::isKnownTenant).mount(router);
        new SitesApi(v, sites).mount(router);
        new DevicesApi(v, registry, new DeviceRequest(catalog)).mount(router);
        new DeviceTypesApi(v, catalog, typeFolder, registry).mount(router);
        new ThingsApi(twins).mount(router);
        EventStreams streams = new EventStreams(metrics);
        new ThingsStream(twins, streams).mount(router);
        new SearchApi(v, twins).mount(router);
        new PlacesApi(v, twins).mount(router); // the dashboard's site, building, floor and zone pickers
        new DittoWebSocket(twins).mount(router);
        new AlertsApi(alerts, streams).mount(router);
        insights = new InsightsApi(v, config.influxUrl(), config.influxDb(), java.time.ZoneId.systemDefault(), sites::find)
                .withPortfolio(new InsightsApi.PortfolioSources(sites::all, twins::all, alerts::active));
        insights.mount(router);
        new RulesApi(rules::rules, rules::reloadError).mount(router);
        new NotifyApi(deadLetters).mount(router);
        new BacktestApi(rules::rules, new InfluxHistory(InfluxConfig.of(config.influxUrl(), config.influxDb())), catalog)
                .mount(router);
        new Dashboard().mount(router); // last: its static handler answers every path not taken above
        return router;
    }

    private Future<Void> deploy(io.vertx.core.Deployable verticle) {
        return vertx.deployVerticle(verticle).onSuccess(id -> {
            deployments.add(id);
            deployed.put(id, verticle.getClass().getSimpleName());
        }).mapEmpty();
    }

    /** Undeploys in reverse order: ingress first, so nothing arrives at a stopped consumer. */
    public Future<Void> stop() {
        Future<Void> chain = Future.succeededFuture();
        if (cluster != null) { // first, while the rules run: this node's partitions move on with its last memory
            chain = cluster.leaveRules(vertx).recover(e -> Future.succeededFuture());
        }
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(v -> {
                long start = System.nanoTime();
                long slow = vertx.setTimer(5000, t -> LOG.warn("stopping {} takes more than 5 s", deployed.get(id)));
                return vertx.undeploy(id).recover(e -> Future.succeededFuture()).onComplete(done -> {
                    vertx.cancelTimer(slow);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (ms > 1000) {
                        LOG.warn("stopping {} took {} ms", deployed.get(id), ms);
                    }
                });
            });
        }
        if (sharedStores != null) {
            sharedStores.stop();
            sharedStores = null;
        }
        if (cluster != null) { // after the edges: what they handed on is flushed to Kafka
            ClusterNode node = cluster;
            cluster = null;
            chain = chain.compose(v -> node.stop(vertx).recover(e -> Future.succeededFuture()));
        }
        return chain.onComplete(v -> {
            deployments.clear();
            if (insights != null) {
                insights.close();
            }
            if (tokens != null) {
                tokens.close();
                audit.close();
            }
            if (registryStore != null) {
                registryStore.close();
                registryStore = null;
            }
            if (sites != null) {
                sites.close();
                sites = null;
            }
        }).compose(v -> vertx.executeBlocking(() -> { // the last commit writes to disk
            closeTwinFiles();
            return null;
        })).mapEmpty();
    }

    private void closeTwinFiles() {
        if (twinFiles != null) {
            twinFiles.close();
            twinFiles = null;
        }
    }

    public PlatformConfig config() {
        return config;
    }

    public int httpPort() {
        return http.port();
    }

    public int coapPort() {
        return coap.port();
    }

    /** The CoAPS (DTLS) UDP port actually bound. */
    public int coapsPort() {
        return coap.securePort();
    }

    public int mqttPort() {
        Integer served = mqtt == null ? null : mqtt.endpointPort();
        return config.mqttUrl().map(URI::getPort).orElse(served != null ? served : config.mqttPort());
    }

    public String mqttHost() {
        return config.mqttUrl().map(URI::getHost).orElse("127.0.0.1");
    }

    public DeviceRegistry registry() {
        return registry;
    }

    /** This node's own InfluxDB writer (in a cluster it writes alert transitions only); null before start. */
    io.parkops.rules.influx.InfluxWriter localInfluxWriter() {
        return influx == null ? null : influx.writer();
    }

    private void applyEditFromElsewhere(io.vertx.core.json.JsonObject json) {
        try {
            twins.applyFromElsewhere(TwinEditLog.read(json));
        } catch (RuntimeException e) { // e.g. a twin this node does not have yet: the next edit or reading brings it
            LOG.warn("an edit of {} made on another node does not apply here: {}", json.getString("thing"), e.getMessage());
        }
    }

    /** Kafka as this node's edge and consumers see it, with this node's partitions and lag as details. */
    private Health.Finding kafkaHealth() {
        ClusterNode node = cluster;
        if (node == null) {
            return new Health.Finding(Health.Level.DEGRADED, "this node is not connected to Kafka");
        }
        JsonObject status = node.status();
        String failing = node.produceFailing();
        if (failing != null) {
            return new Health.Finding(Health.Level.DEGRADED, "Kafka does not take telemetry (" + failing
                    + "); devices are refused (MQTT 5 0x80, MQTT 3.1.1 disconnected, CoAP 5.03) until it does", status);
        }
        // which partitions' rules run here: where a partition is, after a node left
        String owns = "node " + node.config().nodeId() + " runs the rules of partitions " + node.ownedPartitions();
        long lagAge = status.getLong("lagAgeMs", 0L);
        if (lagAge > KAFKA_OFFSETS_STALE_MS) {
            return new Health.Finding(Health.Level.DEGRADED, "Kafka has not told this node its offsets for " + lagAge / 1000
                    + " s (" + status.getString("lagError", "no answer") + "); the lag shown is that old; " + owns, status);
        }
        return new Health.Finding(Health.Level.UP, owns, status);
    }

    /** The estate's sites (the demo seeds the lead parks here). */
    public SiteStore sites() {
        return sites;
    }

    private Health.Finding spoolHealth() {
        var writer = influx.writer();
        String backlog = writer == null ? null : writer.backlog();
        if (backlog != null) {
            return new Health.Finding(Health.Level.DEGRADED, "backpressure: " + backlog
                    + "; devices are refused (CoAP 5.03, MQTT not acknowledged) until it drains");
        }
        if (writer == null || writer.spooled() == 0) {
            return Health.Finding.up();
        }
        return new Health.Finding(Health.Level.DEGRADED, writer.spooled() + " points wait in the disk spool for InfluxDB");
    }

    /** The admin token when this start generated it (printed once by the launcher). */
    public Optional<String> generatedAdminToken() {
        return tokens.generatedAdminToken();
    }

    /** Where a newcomer finds the admin token. */
    public java.nio.file.Path adminTokenFile() {
        return config.dataDir().resolve("admin.token");
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }
}
