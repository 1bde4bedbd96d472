package io.parkops.adapters.codec.spi;

import io.parkops.model.DeviceType;
import java.util.Map;

/**
 * A payload codec written in Java, for the rare device whose payload cannot be declared in its
 * type (compressed, encrypted, variable-length TLV, ...). Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.parkops.adapters.codec.spi.PayloadCodec} in a jar on the class path,
 * and name it in the type as {@code "payloads": {"codec": "<name>"}}.
 *
 * <p>The platform still checks every value against the type (kind, plausible range), so a codec
 * only turns bytes into property values. It is called on ingress threads from many devices at
 * once: it must be thread-safe and must not block.
 */
public interface PayloadCodec {

    /** The name a device type uses to pick this codec. */
    String name();

    /**
     * Decodes one payload of a device of {@code type}.
     *
     * @return the values by property name ({@code Double}, {@code Boolean} or {@code String}) and
     *         the device time when the payload carries one
     * @throws IllegalArgumentException when the payload is malformed; the message goes back to the device
     */
    Reading decode(DeviceType type, byte[] payload);

    /** Property values and an optional device time in epoch milliseconds. */
    record Reading(Long timestamp, Map<String, Object> values) {
    }
}
