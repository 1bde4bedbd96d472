package io.parkops.model;

import io.parkops.model.flow.IngestContext;
import java.util.Map;
import java.util.Objects;

/**
 * One accepted device message, already decoded and mapped onto the device type's features.
 *
 * @param device     the provisioned device that sent it
 * @param channel    telemetry or event
 * @param transport  how it arrived
 * @param timestamp  epoch milliseconds: the device's {@code ts} when present and sane, else ingest time
 * @param receivedAt epoch milliseconds when the platform accepted it
 * @param features   feature id to (property name to value); values are {@code Double}, {@code Boolean} or {@code String}
 * @param context    the message's way to its answer: who waits for it to be stored, and its gate permit
 */
public record Telemetry(Device device, Channel channel, Transport transport, long timestamp, long receivedAt,
                        Map<String, Map<String, Object>> features, IngestContext context) {

    public Telemetry {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(context, "context");
    }

    /** A message nobody waits for (tools and tests). */
    public Telemetry(Device device, Channel channel, Transport transport, long timestamp, long receivedAt,
                     Map<String, Map<String, Object>> features) {
        this(device, channel, transport, timestamp, receivedAt, features, IngestContext.NONE);
    }

    public ThingId thingId() {
        return device.id();
    }
}
