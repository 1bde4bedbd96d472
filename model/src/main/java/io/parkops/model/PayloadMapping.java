package io.parkops.model;

import java.util.List;
import java.util.Map;

/**
 * How the payload kinds a device may send map onto the properties of its type. Every part is
 * optional: without a mapping, a JSON field and a SenML record name are matched to the property
 * of the same name.
 *
 * @param json   property to JSON source: a field name, or a JSON pointer when it starts with {@code /}
 * @param senml  property to the SenML record that carries it
 * @param binary the fixed binary layout (content format 42), or null
 * @param codec  name of a Java codec found through {@code ServiceLoader} for payloads that cannot be
 *               declared, or null
 */
public record PayloadMapping(Map<String, String> json, Map<String, SenmlField> senml, BinaryLayout binary, String codec) {

    public static final PayloadMapping NONE = new PayloadMapping(null, null, null, null);

    public PayloadMapping {
        json = json == null ? Map.of() : Map.copyOf(json);
        senml = senml == null ? Map.of() : Map.copyOf(senml);
    }

    /**
     * @param name resolved SenML name (base name + name) or its last part after {@code :} or {@code /}
     * @param unit SenML unit the device sends (e.g. {@code W}); converted to the property's unit when exact
     */
    public record SenmlField(String name, String unit) {
    }

    /**
     * A fixed frame: every field at a byte offset. {@code value = raw * scale + add}.
     *
     * @param length exact frame length in bytes (null: at least long enough for every field)
     * @param fields property to field layout
     */
    public record BinaryLayout(Integer length, Map<String, BinaryField> fields) {
        public BinaryLayout {
            if (fields == null || fields.isEmpty()) {
                throw new IllegalArgumentException("binary.fields must declare at least one field");
            }
            fields = Map.copyOf(fields);
            if (length != null && length <= 0) {
                throw new IllegalArgumentException("binary.length must be positive, was " + length);
            }
        }

        /** Bytes a frame needs to hold every field. */
        public int requiredLength() {
            return fields.values().stream().mapToInt(f -> f.offset() + f.type().bytes()).max().orElse(0);
        }
    }

    /**
     * @param offset byte position of the field in the frame
     * @param type   {@code u8, i8, u16, i16, u32, i32, f32}
     * @param endian {@code big} (default, network order) or {@code little}
     * @param scale  multiplier (default 1)
     * @param add    added after scaling (default 0)
     */
    public record BinaryField(int offset, BinaryType type, String endian, Double scale, Double add) {
        public BinaryField {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative, was " + offset);
            }
            if (type == null) {
                throw new IllegalArgumentException("type is required: one of " + BinaryType.labels());
            }
            endian = endian == null ? "big" : endian;
            if (!List.of("big", "little").contains(endian)) {
                throw new IllegalArgumentException("endian '" + endian + "' must be big or little");
            }
            scale = scale == null ? 1.0 : scale;
            add = add == null ? 0.0 : add;
        }

        public boolean littleEndian() {
            return endian.equals("little");
        }
    }
}
