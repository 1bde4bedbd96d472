package io.parkops.adapters.codec;

import io.parkops.adapters.codec.spi.PayloadCodec;
import io.parkops.model.DeviceType;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Runs the Java codec a device type names ({@code payloads.codec}), found once through
 * {@link ServiceLoader}. Whatever the codec throws is turned into a clean rejection: a codec bug
 * must cost one message, never the ingress thread.
 */
public final class SpiTelemetryDecoder {

    private final Map<String, PayloadCodec> codecs = new TreeMap<>();

    public SpiTelemetryDecoder() {
        for (PayloadCodec c : ServiceLoader.load(PayloadCodec.class)) {
            codecs.put(c.name(), c);
            LoggerFactory.getLogger(SpiTelemetryDecoder.class).info("payload codec '{}' loaded from {}", c.name(), c.getClass().getName());
        }
    }

    public boolean has(String name) {
        return codecs.containsKey(name);
    }

    public Decoded decode(DeviceType type, byte[] payload, long now) {
        String name = type.payloads().codec();
        PayloadCodec codec = codecs.get(name);
        if (codec == null) {
            throw new RejectedException(Rejection.UNSUPPORTED_FORMAT, "device type '" + type.id() + "' names the codec '" + name
                    + "', which is not installed (installed: " + codecs.keySet() + ")");
        }
        PayloadCodec.Reading reading;
        try {
            reading = codec.decode(type, payload);
        } catch (RuntimeException e) {
            throw new RejectedException(Rejection.MALFORMED, "codec '" + name + "': " + e.getMessage());
        }
        if (reading == null || reading.values() == null) {
            throw new RejectedException(Rejection.MALFORMED, "codec '" + name + "' returned no values");
        }
        ValueCollector values = new ValueCollector(type);
        reading.values().forEach((property, value) -> {
            DeviceType.PropertyRef ref = type.propertyForField(property);
            if (ref == null) {
                values.drop(property, "codec '" + name + "' produced a property the type does not declare");
            } else {
                values.offer(property, ref, value instanceof Number n && !(value instanceof Double) ? n.doubleValue() : value);
            }
        });
        long ts = reading.timestamp() == null ? now : DeviceClock.saneOrNow(reading.timestamp(), now);
        return values.finish(ts);
    }
}
