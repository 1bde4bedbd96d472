package io.parkops.platform.config;

import java.util.Map;

/**
 * The settings of flow control, limits and the InfluxDB writer: how much may wait where, and how
 * fast one device may send. Validated here so that bad values fail at start with the key's name.
 *
 * @param spoolMaxBytes         bound of the disk spool
 * @param influxBatchSize       points per write
 * @param influxFlushIntervalMs longest wait of a point in memory
 * @param influxMaxQueuedPoints bound of the writer's memory queue
 * @param ingestMaxInFlight     bound of messages between ingress and the writer
 * @param ingestRetryAfterSeconds Max-Age of a CoAP 5.03
 * @param deviceRate            messages a second per device (0 = no limit)
 * @param deviceBurst           burst above the rate per device
 * @param deviceMaxPaceSeconds  how far ahead of its rate a QoS 1 device is paced before it is refused
 * @param coapDeduplicationSeconds  how long CoAP requests are remembered for retransmissions
 * @param coapDeduplicatedPerDevice CoAP requests remembered per device address
 * @param coapSeparateAckMillis     when a slow CoAP answer gets an empty ACK first
 * @param mqttReceiveMaximum    unacknowledged QoS 1 messages the broker may send the ingress
 * @param mqttEndpointReceiveMaximum unacknowledged QoS 1 messages one connection may hold on the Vert.x endpoint
 */
public record FlowTuning(long spoolMaxBytes, int influxBatchSize, int influxFlushIntervalMs, int influxMaxQueuedPoints,
                         int ingestMaxInFlight, int ingestRetryAfterSeconds, double deviceRate, int deviceBurst,
                         int deviceMaxPaceSeconds, int coapDeduplicationSeconds, int coapDeduplicatedPerDevice,
                         int coapSeparateAckMillis, int mqttReceiveMaximum, int mqttEndpointReceiveMaximum) {

    public FlowTuning {
        check(spoolMaxBytes >= 1 << 16, ConfigKey.SPOOL_MAX_BYTES, spoolMaxBytes, "must be at least 65536 (64 KiB)");
        check(influxBatchSize >= 1 && influxBatchSize <= 100_000, ConfigKey.INFLUX_BATCH_SIZE, influxBatchSize, "must be 1..100000");
        check(influxFlushIntervalMs >= 10 && influxFlushIntervalMs <= 600_000, ConfigKey.INFLUX_FLUSH_INTERVAL_MS,
                influxFlushIntervalMs, "must be 10..600000");
        check(influxMaxQueuedPoints >= influxBatchSize, ConfigKey.INFLUX_MAX_QUEUED_POINTS, influxMaxQueuedPoints,
                "must be at least influxBatchSize (" + influxBatchSize + ")");
        check(ingestMaxInFlight >= 1, ConfigKey.INGEST_MAX_IN_FLIGHT, ingestMaxInFlight, "must be at least 1");
        check(ingestRetryAfterSeconds >= 1 && ingestRetryAfterSeconds <= 3600, ConfigKey.INGEST_RETRY_AFTER_SECONDS,
                ingestRetryAfterSeconds, "must be 1..3600");
        check(deviceRate >= 0 && deviceRate <= 1_000_000, ConfigKey.DEVICE_RATE, deviceRate, "must be 0 (no limit) .. 1000000");
        check(deviceBurst >= 1, ConfigKey.DEVICE_BURST, deviceBurst, "must be at least 1");
        check(deviceMaxPaceSeconds >= 0 && deviceMaxPaceSeconds <= 50, ConfigKey.DEVICE_MAX_PACE_SECONDS, deviceMaxPaceSeconds,
                "must be 0..50 (below the 60 s a PUBACK may wait for storage)");
        check(coapDeduplicationSeconds >= 1 && coapDeduplicationSeconds <= 3600, ConfigKey.COAP_DEDUPLICATION_SECONDS,
                coapDeduplicationSeconds, "must be 1..3600");
        check(coapDeduplicatedPerDevice >= 1 && coapDeduplicatedPerDevice <= 10_000, ConfigKey.COAP_DEDUPLICATED_PER_DEVICE,
                coapDeduplicatedPerDevice, "must be 1..10000");
        check(coapSeparateAckMillis >= 0 && coapSeparateAckMillis <= 60_000, ConfigKey.COAP_SEPARATE_ACK_MILLIS,
                coapSeparateAckMillis, "must be 0..60000");
        check(mqttReceiveMaximum >= 1 && mqttReceiveMaximum <= 65535, ConfigKey.MQTT_RECEIVE_MAXIMUM, mqttReceiveMaximum,
                "must be 1..65535");
        check(mqttEndpointReceiveMaximum >= 1 && mqttEndpointReceiveMaximum <= 65535, ConfigKey.MQTT_ENDPOINT_RECEIVE_MAXIMUM,
                mqttEndpointReceiveMaximum, "must be 1..65535");
    }

    static FlowTuning from(Map<ConfigKey, String> v) {
        return new FlowTuning(number(v, ConfigKey.SPOOL_MAX_BYTES).longValue(),
                number(v, ConfigKey.INFLUX_BATCH_SIZE).intValue(),
                number(v, ConfigKey.INFLUX_FLUSH_INTERVAL_MS).intValue(),
                number(v, ConfigKey.INFLUX_MAX_QUEUED_POINTS).intValue(),
                number(v, ConfigKey.INGEST_MAX_IN_FLIGHT).intValue(),
                number(v, ConfigKey.INGEST_RETRY_AFTER_SECONDS).intValue(),
                decimal(v, ConfigKey.DEVICE_RATE),
                number(v, ConfigKey.DEVICE_BURST).intValue(),
                number(v, ConfigKey.DEVICE_MAX_PACE_SECONDS).intValue(),
                number(v, ConfigKey.COAP_DEDUPLICATION_SECONDS).intValue(),
                number(v, ConfigKey.COAP_DEDUPLICATED_PER_DEVICE).intValue(),
                number(v, ConfigKey.COAP_SEPARATE_ACK_MILLIS).intValue(),
                number(v, ConfigKey.MQTT_RECEIVE_MAXIMUM).intValue(),
                number(v, ConfigKey.MQTT_ENDPOINT_RECEIVE_MAXIMUM).intValue());
    }

    private static Long number(Map<ConfigKey, String> v, ConfigKey key) {
        try {
            long n = Long.parseLong(v.get(key).trim());
            if (key != ConfigKey.SPOOL_MAX_BYTES && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
                throw new ConfigException(key, v.get(key), "is too large");
            }
            return n;
        } catch (NumberFormatException | NullPointerException e) {
            throw new ConfigException(key, v.get(key), "must be a whole number");
        }
    }

    private static double decimal(Map<ConfigKey, String> v, ConfigKey key) {
        try {
            return Double.parseDouble(v.get(key).trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ConfigException(key, v.get(key), "must be a number");
        }
    }

    private static void check(boolean ok, ConfigKey key, Object value, String problem) {
        if (!ok) {
            throw new ConfigException(key, String.valueOf(value), problem);
        }
    }
}
