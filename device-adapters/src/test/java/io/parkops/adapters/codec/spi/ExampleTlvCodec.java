package io.parkops.adapters.codec.spi;

import io.parkops.model.DeviceType;
import java.util.HashMap;
import java.util.Map;

/**
 * The example Java codec of the tests: a tag-length-value frame that no fixed layout can describe
 * (tag 1 = temperature in 0.1 °C as i16, tag 2 = co2 in ppm as u16; tags may come in any order).
 * Registered in {@code META-INF/services} of the test resources.
 */
public final class ExampleTlvCodec implements PayloadCodec {

    @Override
    public String name() {
        return "example-tlv";
    }

    @Override
    public Reading decode(DeviceType type, byte[] payload) {
        Map<String, Object> values = new HashMap<>();
        int i = 0;
        while (i < payload.length) {
            if (i + 2 > payload.length) {
                throw new IllegalArgumentException("truncated TLV header at byte " + i);
            }
            int tag = payload[i] & 0xFF;
            int len = payload[i + 1] & 0xFF;
            if (len != 2 || i + 2 + len > payload.length) {
                throw new IllegalArgumentException("TLV item at byte " + i + " must have length 2 and fit the frame");
            }
            int raw = ((payload[i + 2] & 0xFF) << 8) | (payload[i + 3] & 0xFF);
            switch (tag) {
                case 1 -> values.put("temperature", (short) raw / 10.0);
                case 2 -> values.put("co2", (double) raw);
                default -> throw new IllegalArgumentException("unknown TLV tag " + tag + " at byte " + i);
            }
            i += 2 + len;
        }
        return new Reading(null, values);
    }
}
