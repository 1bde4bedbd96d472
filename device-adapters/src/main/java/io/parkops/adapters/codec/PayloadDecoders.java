package io.parkops.adapters.codec;

import io.parkops.model.DeviceType;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;

/**
 * Picks the codec for a message from its CoAP content format (RFC 7252 §12.3), or, when there is
 * none (MQTT), from the payload's shape:
 * <ul>
 *   <li>first non-blank byte {@code {} - JSON object; {@code [} - SenML JSON;</li>
 *   <li>otherwise the type's binary layout or Java codec when it declares one;</li>
 *   <li>otherwise a CBOR array (major type 4) - SenML CBOR, a CBOR map (major type 5) - CBOR object.</li>
 * </ul>
 * A binary frame can begin with any byte, so for a type with a binary layout or codec a CBOR
 * payload over MQTT must say what it is (MQTT 5 content type, see {@link #formatOfContentType}).
 */
public final class PayloadDecoders {

    public static final int NONE = -1;
    public static final int OCTET_STREAM = 42;
    public static final int JSON = 50;
    public static final int CBOR = 60;
    public static final int SENML_JSON = 110;
    public static final int SENML_CBOR = 112;

    private final JsonTelemetryDecoder json = new JsonTelemetryDecoder();
    private final JsonTelemetryDecoder cborMap = JsonTelemetryDecoder.cbor();
    private final SenmlTelemetryDecoder senmlJson = SenmlTelemetryDecoder.json();
    private final SenmlTelemetryDecoder senmlCbor = SenmlTelemetryDecoder.cbor();
    private final BinaryTelemetryDecoder binary = new BinaryTelemetryDecoder();
    private final SpiTelemetryDecoder spi = new SpiTelemetryDecoder();

    public Decoded decode(DeviceType type, int contentFormat, byte[] payload, long now) {
        int format = contentFormat == NONE ? detect(type, payload) : contentFormat;
        return switch (format) {
            case JSON -> json.decode(type, payload, now);
            case CBOR -> cborMap.decode(type, payload, now);
            case SENML_JSON -> senmlJson.decode(type, payload, now);
            case SENML_CBOR -> senmlCbor.decode(type, payload, now);
            case OCTET_STREAM -> type.payloads().binary() != null || type.payloads().codec() == null
                    ? binary.decode(type, payload, now) : spi.decode(type, payload, now);
            default -> throw new RejectedException(Rejection.UNSUPPORTED_FORMAT, "content format " + format
                    + " is not supported; send application/json (50), application/cbor (60), application/senml+json (110),"
                    + " application/senml+cbor (112) or, for a type with a binary layout, application/octet-stream (42)");
        };
    }

    /** Whether a Java codec of that name is installed (the catalog checks types against it). */
    public boolean hasCodec(String name) {
        return spi.has(name);
    }

    /** The content format an MQTT 5 content type names, or {@link #NONE}. */
    public static int formatOfContentType(String contentType) {
        if (contentType == null) {
            return NONE;
        }
        return switch (contentType.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "application/json" -> JSON;
            case "application/cbor" -> CBOR;
            case "application/senml+json" -> SENML_JSON;
            case "application/senml+cbor" -> SENML_CBOR;
            case "application/octet-stream" -> OCTET_STREAM;
            default -> NONE;
        };
    }

    static int detect(DeviceType type, byte[] payload) {
        int i = 0;
        while (i < payload.length && Character.isWhitespace(payload[i])) {
            i++;
        }
        if (i < payload.length && payload[i] == '{') {
            return JSON;
        }
        if (i < payload.length && payload[i] == '[') {
            return SENML_JSON;
        }
        if (type.payloads().binary() != null || type.payloads().codec() != null) {
            return OCTET_STREAM;
        }
        int major = payload.length == 0 ? -1 : (payload[0] & 0xE0) >> 5;
        return major == 4 ? SENML_CBOR : major == 5 ? CBOR : JSON;
    }
}
