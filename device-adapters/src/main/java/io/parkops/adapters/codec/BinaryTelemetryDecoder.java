package io.parkops.adapters.codec;

import io.parkops.model.DataType;
import io.parkops.model.DeviceType;
import io.parkops.model.PayloadMapping;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Decodes a fixed binary frame (content format 42) with the layout its device type declares:
 * each field at a byte offset, of type {@code u8..f32}, big- or little-endian, then
 * {@code raw * scale + add}. A boolean property is true when the raw value is not zero.
 */
public final class BinaryTelemetryDecoder {

    public Decoded decode(DeviceType type, byte[] payload, long now) {
        PayloadMapping.BinaryLayout layout = type.payloads().binary();
        if (layout == null) {
            throw new RejectedException(Rejection.UNSUPPORTED_FORMAT, "device type '" + type.id()
                    + "' declares no binary layout (payloads.binary); send JSON (50) or SenML (110/112)");
        }
        if (layout.length() != null && payload.length != layout.length()) {
            throw new RejectedException(Rejection.MALFORMED, "binary frame of " + payload.length + " bytes; type '" + type.id()
                    + "' expects exactly " + layout.length());
        }
        if (payload.length < layout.requiredLength()) {
            throw new RejectedException(Rejection.MALFORMED, "binary frame of " + payload.length + " bytes; type '" + type.id()
                    + "' needs at least " + layout.requiredLength());
        }
        ValueCollector values = new ValueCollector(type);
        for (Map.Entry<String, PayloadMapping.BinaryField> e : layout.fields().entrySet()) {
            DeviceType.PropertyRef ref = type.propertyForField(e.getKey());
            double v = read(payload, e.getValue()) * e.getValue().scale() + e.getValue().add();
            values.offer("byte " + e.getValue().offset() + " (" + e.getKey() + ")", ref,
                    ref.type().type() == DataType.BOOLEAN ? (Object) (v != 0) : (Object) v);
        }
        return values.finish(now);
    }

    static double read(byte[] frame, PayloadMapping.BinaryField f) {
        ByteBuffer b = ByteBuffer.wrap(frame).order(f.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int at = f.offset();
        return switch (f.type()) {
            case U8 -> Byte.toUnsignedInt(b.get(at));
            case I8 -> b.get(at);
            case U16 -> Short.toUnsignedInt(b.getShort(at));
            case I16 -> b.getShort(at);
            case U32 -> Integer.toUnsignedLong(b.getInt(at));
            case I32 -> b.getInt(at);
            case F32 -> b.getFloat(at);
        };
    }
}
