package io.parkops.platform;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** Turns a firmware-sim reading into the SenML pack a device would send (RFC 8428, JSON and CBOR). */
final class SenmlPayloads {

    private SenmlPayloads() {
    }

    static String json(String deviceId, Map<String, Object> reading) {
        JsonArray pack = new JsonArray();
        boolean first = true;
        for (Map.Entry<String, Object> e : reading.entrySet()) {
            JsonObject r = new JsonObject();
            if (first) {
                r.put("bn", "urn:dev:ops:" + deviceId + ":");
                first = false;
            }
            r.put("n", e.getKey());
            Object v = e.getValue();
            if (v instanceof Boolean b) {
                r.put("vb", b);
            } else if (v instanceof String s) {
                r.put("vs", s);
            } else {
                r.put("v", ((Number) v).doubleValue());
            }
            pack.add(r);
        }
        return pack.encode();
    }

    /** The same pack with the CBOR integer labels of RFC 8428 §6 (bn -2, n 0, v 2, vs 3, vb 4). */
    static byte[] cbor(String deviceId, Map<String, Object> reading) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartArray();
            boolean first = true;
            for (Map.Entry<String, Object> e : reading.entrySet()) {
                g.writeStartObject();
                if (first) {
                    g.writeFieldId(-2);
                    g.writeString("urn:dev:ops:" + deviceId + ":");
                    first = false;
                }
                g.writeFieldId(0);
                g.writeString(e.getKey());
                writeValue(g, e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    /** One record with a SenML unit (label 1), e.g. a power in {@code W} for a property in kW. */
    static byte[] cborWithUnit(String deviceId, String name, String unit, double value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartArray();
            g.writeStartObject();
            g.writeFieldId(-2);
            g.writeString("urn:dev:ops:" + deviceId + ":");
            g.writeFieldId(0);
            g.writeString(name);
            g.writeFieldId(1);
            g.writeString(unit);
            g.writeFieldId(2);
            g.writeNumber(value);
            g.writeEndObject();
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private static void writeValue(CBORGenerator g, Object v) throws IOException {
        if (v instanceof Boolean b) {
            g.writeFieldId(4);
            g.writeBoolean(b);
        } else if (v instanceof String s) {
            g.writeFieldId(3);
            g.writeString(s);
        } else {
            g.writeFieldId(2);
            g.writeNumber(((Number) v).doubleValue());
        }
    }

}
