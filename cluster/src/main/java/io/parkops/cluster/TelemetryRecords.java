package io.parkops.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Telemetry} as the value of a Kafka record on the telemetry topic, and back. The key is
 * the thing id ({@code tenant:deviceId}), so one device's messages stay in order on one partition.
 *
 * <p>JSON, with a version number: a record must be readable by any consumer of the cluster,
 * including a node on the next version during a rolling restart and an operator with Kafka's
 * console consumer; a reading is a few hundred bytes of JSON, small beside what Kafka costs per
 * record. The record is whole in itself (the device's type and placement travel with it), so the
 * InfluxDB writer on any node makes the same points the edge's node would, whatever that node's
 * registry knows. Values keep their kind: numbers as doubles, booleans, strings.
 */
public final class TelemetryRecords {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelemetryRecords() {
    }

    /** The record key: the thing id. */
    public static byte[] key(Telemetry telemetry) {
        return ThingPartitions.key(telemetry.thingId());
    }

    public static byte[] value(Telemetry telemetry) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        Device device = telemetry.device();
        root.put("tenant", device.id().tenant());
        root.put("device", device.id().deviceId());
        root.put("type", device.typeId());
        ObjectNode attributes = root.putObject("attributes");
        device.attributes().forEach(attributes::put);
        ArrayNode via = root.putArray("via");
        device.via().forEach(via::add);
        root.put("channel", telemetry.channel().pathSegment());
        root.put("transport", telemetry.transport().name());
        root.put("ts", telemetry.timestamp());
        root.put("received", telemetry.receivedAt());
        ObjectNode features = root.putObject("features");
        telemetry.features().forEach((feature, properties) -> {
            ObjectNode props = features.putObject(feature);
            properties.forEach((name, value) -> put(props, name, value));
        });
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("telemetry of " + telemetry.thingId() + " cannot be written as JSON", e);
        }
    }

    /**
     * The message a record holds, with {@link IngestContext#NONE}: its device was answered by the
     * node that produced it.
     *
     * @throws IllegalArgumentException when the record is not one this version reads (the message says why)
     */
    public static Telemetry read(byte[] value) {
        return read(value, IngestContext.NONE);
    }

    /** As {@link #read(byte[])}, the message remembering {@code offset}, where it was read in its partition. */
    public static Telemetry read(byte[] value, long offset) {
        return read(value, IngestContext.fromLog(offset));
    }

    private static Telemetry read(byte[] value, IngestContext context) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || root.path("v").asInt() != VERSION) {
            throw new IllegalArgumentException("not a telemetry record of version " + VERSION);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        root.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        List<String> via = new ArrayList<>();
        root.path("via").forEach(n -> via.add(n.asText()));
        Device device = new Device(ThingId.of(text(root, "tenant"), text(root, "device")), text(root, "type"), attributes, via);
        Channel channel = Channel.fromPathSegment(text(root, "channel"));
        if (channel == null) {
            throw new IllegalArgumentException("unknown channel '" + root.path("channel").asText() + "'");
        }
        Transport transport;
        try {
            transport = Transport.valueOf(text(root, "transport").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + root.path("transport").asText() + "'");
        }
        return new Telemetry(device, channel, transport, root.path("ts").asLong(), root.path("received").asLong(),
                features(root.path("features")), context);
    }

    private static Map<String, Map<String, Object>> features(JsonNode node) {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> feature = it.next();
            Map<String, Object> properties = new LinkedHashMap<>();
            feature.getValue().fields().forEachRemaining(p -> {
                JsonNode v = p.getValue();
                if (v.isNumber()) {
                    properties.put(p.getKey(), v.doubleValue());
                } else if (v.isBoolean()) {
                    properties.put(p.getKey(), v.booleanValue());
                } else if (v.isTextual()) {
                    properties.put(p.getKey(), v.textValue());
                }
            });
            features.put(feature.getKey(), properties);
        }
        return features;
    }

    private static void put(ObjectNode props, String name, Object value) {
        if (value instanceof Number n) {
            if (Double.isFinite(n.doubleValue())) { // NaN has no JSON form; InfluxDB could not take it either
                props.put(name, n.doubleValue());
            }
        } else if (value instanceof Boolean b) {
            props.put(name, b.booleanValue());
        } else if (value != null) {
            props.put(name, value.toString());
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return n.textValue();
    }
}
