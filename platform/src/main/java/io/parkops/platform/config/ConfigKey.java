package io.parkops.platform.config;

/**
 * Every platform setting: its key in the config file, the environment variable that overrides
 * it, its default and what it means. This enum is the single source of the configuration table
 * in the README and of {@code parkops config}.
 */
public enum ConfigKey {
    DATA_DIR("dataDir", "./data", "embedded stores, spool and broker data"),
    BIND_ADDRESS("bindAddress", "0.0.0.0", "interface the HTTP, MQTT and CoAP listeners bind to"),
    HTTP_PORT("httpPort", "8080", "HTTP API and dashboard"),
    MQTT_PORT("mqttPort", "1883", "embedded broker port"),
    MQTT_URL("mqttUrl", null, "external broker (tcp://host:port); unset = embedded HiveMQ CE"),
    MQTT_ENDPOINT("mqttEndpoint", "hivemq", "who serves devices' MQTT when mqttUrl is unset: hivemq (the embedded HiveMQ CE "
            + "broker) or vertx (ParkOps's own endpoint on Vert.x's MQTT server: many QoS 1 messages in flight per connection, "
            + "each PUBACK once stored; no offline queue for crews' alerts)"),
    MQTT_SESSION_EXPIRY("mqttSessionExpiry", "3600",
            "seconds the broker keeps ParkOps's MQTT session (and queues its QoS 1 messages) while ParkOps is away"),
    COAP_PORT("coapPort", "5683", "CoAP (UDP)"),
    COAPS_PORT("coapsPort", "5684", "CoAPS (DTLS 1.2 PSK, identity {deviceId}@{tenant}, key = the device's credentials.psk)"),
    COAP_ALLOW_UNAUTHENTICATED("coapAllowUnauthenticated", "false",
            "accept plain CoAP with tenant/device in the path (false: plain CoAP gets 4.01, devices use CoAPS)"),
    TLS_KEYSTORE("tlsKeystore", null,
            "key store (PKCS12 or JKS) with the server's key and certificate; set = HTTPS on httpPort and MQTT over TLS on mqttsPort"),
    TLS_KEYSTORE_PASSWORD("tlsKeystorePassword", null, "password of tlsKeystore and of the key in it"),
    MQTTS_PORT("mqttsPort", "8883", "embedded broker's MQTT-over-TLS port (served only when tlsKeystore is set)"),
    MQTT_ALLOW_UNAUTHENTICATED("mqttAllowUnauthenticated", "false",
            "true: the embedded broker lets every client in unchecked and unrestricted, as before device authentication "
                    + "(labs); false: devices sign in as {deviceId}@{tenant} with their password and use only their own topics"),
    INFLUX_URL("influxUrl", "http://127.0.0.1:8086", "InfluxDB (v1 HTTP API: 1.x, 2.x compat, 3.x compat), http://user:password@host:port with authentication"),
    INFLUX_DB("influxDb", "parkops", "InfluxDB database"),
    TWIN_BACKEND("twinBackend", "embedded", "embedded, or ditto (twins also written through to the Eclipse Ditto at dittoUrl)"),
    DITTO_URL("dittoUrl", null, "Ditto endpoint for the ditto backend, ws://user:password@host:port (http:// works too)"),
    ADMIN_TOKEN("adminToken", null, "admin bearer token; unset = generated, printed once, kept in {data dir}/admin.token"),
    BOOTSTRAP_FILE("bootstrapFile", null, "YAML/JSON file of tenants, sites and devices provisioned at start"),
    MAX_PAYLOAD_BYTES("maxPayloadBytes", "65536", "largest device payload accepted (larger: CoAP 4.13, MQTT dropped and counted)"),
    TWIN_COMMIT_INTERVAL_MS("twinCommitIntervalMs", "1000",
            "how often telemetry-driven twin changes are committed to disk (ms); a crash loses at most this much"),
    ALERTS_KEEP_CLEARED("alertsKeepCleared", "10000", "cleared alerts kept for the alert list; the oldest beyond are "
            + "forgotten (on disk, and in a cluster removed from the alerts topic)"),
    SPOOL_MAX_BYTES("spoolMaxBytes", "1073741824",
            "bound of the InfluxDB spool on disk; from 90 % full devices get backpressure (CoAP 5.03, MQTT not acknowledged)"),
    INFLUX_BATCH_SIZE("influxBatchSize", "5000", "points per InfluxDB write request"),
    INFLUX_FLUSH_INTERVAL_MS("influxFlushIntervalMs", "1000", "longest time a point waits in memory before it is written or spooled (ms)"),
    INFLUX_MAX_QUEUED_POINTS("influxMaxQueuedPoints", "200000",
            "points held in memory for the InfluxDB writer; from 80 % full devices get backpressure"),
    INGEST_MAX_IN_FLIGHT("ingestMaxInFlight", "1000",
            "device messages on their way from ingress to the InfluxDB writer at most; beyond that, backpressure"),
    INGEST_RETRY_AFTER_SECONDS("ingestRetryAfterSeconds", "5", "Max-Age (seconds) of a CoAP 5.03 sent under backpressure"),
    DEVICE_RATE("deviceRate", "10", "messages a second one device may send on average (0 = no limit; excess: CoAP 4.29, "
            + "MQTT QoS 1 paced: its PUBACK waits; QoS 0 dropped and counted)"),
    DEVICE_BURST("deviceBurst", "50", "messages one device may send at once above its rate"),
    DEVICE_MAX_PACE_SECONDS("deviceMaxPaceSeconds", "30", "how far ahead of its rate an MQTT QoS 1 device may be before it is "
            + "refused (MQTT 5: 0x97; MQTT 3.1.1: disconnected) instead of paced"),
    COAP_DEDUPLICATION_SECONDS("coapDeduplicationSeconds", "60",
            "how long a confirmable CoAP request is remembered to answer its retransmissions from memory"),
    COAP_DEDUPLICATED_PER_DEVICE("coapDeduplicatedPerDevice", "32",
            "CoAP requests remembered per device address at most (bounds the deduplication memory)"),
    COAP_SEPARATE_ACK_MILLIS("coapSeparateAckMillis", "1000",
            "a confirmable CoAP request not answered within this gets an empty ACK and its 2.04 later (ms)"),
    MQTT_RECEIVE_MAXIMUM("mqttReceiveMaximum", "2000",
            "QoS 1 messages the broker may send the ingress before it acknowledges (each is acknowledged once durable)"),
    MQTT_ENDPOINT_RECEIVE_MAXIMUM("mqttEndpointReceiveMaximum", "1000",
            "with mqttEndpoint vertx: QoS 1 messages one device connection may have unacknowledged (the MQTT 5 receive "
                    + "maximum; a client that sends more, e.g. over MQTT 3.1.1, is no longer read until PUBACKs went out)"),
    KAFKA_BOOTSTRAP("kafkaBootstrap", null, "Kafka bootstrap servers (host:port,...); set = cluster mode: telemetry goes through "
            + "Kafka and a device is acknowledged once Kafka has its message; unset = the single node"),
    NODE_ID("nodeId", null, "this node's name in the cluster; unset = derived from the host name and the data dir"),
    KAFKA_TOPIC_PREFIX("kafkaTopicPrefix", "parkops.", "prefix of every topic ParkOps creates ({prefix}telemetry, ...)"),
    KAFKA_PARTITIONS("kafkaPartitions", "12", "partitions of a topic ParkOps creates (an existing topic is left as it is)"),
    KAFKA_REPLICATION("kafkaReplication", "auto", "replicas of a topic ParkOps creates; auto = as many as Kafka has brokers, at most 3"),
    KAFKA_ACK_TIMEOUT_MS("kafkaAckTimeoutMs", "20000", "how long a device's message may wait for Kafka's acknowledgement "
            + "before the device is refused (MQTT 5 0x80, MQTT 3.1.1 disconnected, CoAP 5.03) (ms)");

    private final String fileKey;
    private final String defaultValue;
    private final String description;

    ConfigKey(String fileKey, String defaultValue, String description) {
        this.fileKey = fileKey;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String fileKey() {
        return fileKey;
    }

    /** {@code PARKOPS_} and the key in upper snake case. */
    public String envName() {
        return "PARKOPS_" + name();
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
