package io.parkops.adapters.codec.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a SenML pack (RFC 8428) in JSON or CBOR into resolved records. Base fields apply to the
 * records that follow until a record sets them again (§4.1); a time below 2^28 s is relative to
 * now (§4.5.3); a label ending in {@code _} that we do not understand refuses the pack (§4.4).
 */
public final class SenmlPack {

    /** Times below this many seconds are relative to the time of reception (RFC 8428 §4.5.3). */
    static final double RELATIVE_LIMIT = 268_435_456d;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:./_-]*");
    private static final int MAX_RECORDS = 1000;
    private static final StreamReadConstraints LIMITS =
            StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(4096)
                    .maxNameLength(256).maxNumberLength(100).build();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(LIMITS).build());
    private static final ObjectMapper CBOR = new ObjectMapper(CBORFactory.builder().streamReadConstraints(LIMITS).build());

    private SenmlPack() {
    }

    public static List<SenmlRecord> readJson(byte[] payload, double nowSeconds) {
        return resolve(tree(JSON, payload, "SenML JSON"), nowSeconds);
    }

    public static List<SenmlRecord> readCbor(byte[] payload, double nowSeconds) {
        return resolve(tree(CBOR, payload, "SenML CBOR"), nowSeconds);
    }

    private static JsonNode tree(ObjectMapper mapper, byte[] payload, String format) {
        try {
            JsonNode root = mapper.readTree(payload);
            if (root == null || !root.isArray()) {
                throw new SenmlException("a " + format + " pack must be an array of records");
            }
            return root;
        } catch (IOException e) {
            throw new SenmlException("payload is not valid " + format + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static List<SenmlRecord> resolve(JsonNode pack, double now) {
        if (pack.isEmpty()) {
            throw new SenmlException("the SenML pack is empty");
        }
        if (pack.size() > MAX_RECORDS) {
            throw new SenmlException("the SenML pack has " + pack.size() + " records; at most " + MAX_RECORDS);
        }
        Base base = new Base();
        List<SenmlRecord> out = new ArrayList<>(pack.size());
        for (int i = 0; i < pack.size(); i++) {
            JsonNode record = pack.get(i);
            if (!record.isObject()) {
                throw new SenmlException("record " + i + " must be a map of labels");
            }
            out.add(resolveRecord(i, record, base, now));
        }
        return out;
    }

    private static SenmlRecord resolveRecord(int i, JsonNode record, Base base, double now) {
        Fields f = new Fields(i);
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SenmlLabel label = SenmlLabel.of(e.getKey());
            if (label == null) {
                if (e.getKey().endsWith("_")) {
                    throw new SenmlException("record " + i + " has the must-understand label '" + e.getKey() + "', which is not supported");
                }
                continue;
            }
            f.put(label, e.getValue());
        }
        base.update(f);
        String name = base.name + f.text(SenmlLabel.NAME, "");
        if (!NAME.matcher(name).matches()) {
            throw new SenmlException("record " + i + " has the name '" + name + "'; a SenML name starts with a letter or digit"
                    + " and holds only letters, digits and - : . / _");
        }
        double time = base.time + f.number(SenmlLabel.TIME, 0d);
        if (time < RELATIVE_LIMIT) {
            time = now + time;
        }
        String unit = f.text(SenmlLabel.UNIT, base.unit);
        // NaN or infinite values pass here on purpose: the decoder drops them per value, keeping the rest.
        Double v = f.has(SenmlLabel.VALUE) ? f.anyNumber(SenmlLabel.VALUE) + base.value : null;
        Double sum = f.has(SenmlLabel.SUM) ? f.anyNumber(SenmlLabel.SUM) + base.sum : null;
        String vs = f.has(SenmlLabel.STRING_VALUE) ? f.text(SenmlLabel.STRING_VALUE, null) : null;
        Boolean vb = f.has(SenmlLabel.BOOL_VALUE) ? f.bool(SenmlLabel.BOOL_VALUE) : null;
        String vd = f.has(SenmlLabel.DATA_VALUE) ? f.text(SenmlLabel.DATA_VALUE, null) : null;
        int values = (v == null ? 0 : 1) + (vs == null ? 0 : 1) + (vb == null ? 0 : 1) + (vd == null ? 0 : 1);
        if (values > 1) {
            throw new SenmlException("record " + i + " ('" + name + "') has more than one of v, vs, vb, vd");
        }
        if (values == 0 && sum == null) {
            throw new SenmlException("record " + i + " ('" + name + "') has no value (v, vs, vb, vd) and no sum (s)");
        }
        return new SenmlRecord(name, time, unit, v, vs, vb, vd, sum);
    }

    /** The base fields in force: set by a record, kept for the records after it. */
    private static final class Base {
        String name = "";
        double time;
        String unit;
        double value;
        double sum;

        void update(Fields f) {
            if (f.has(SenmlLabel.BASE_VERSION)) {
                double version = f.number(SenmlLabel.BASE_VERSION, 10d);
                if (version > 10 || version < 1 || version != Math.rint(version)) {
                    throw new SenmlException("record " + f.index + " has bver " + version + "; versions 1 to 10 are understood");
                }
            }
            name = f.text(SenmlLabel.BASE_NAME, name);
            time = f.number(SenmlLabel.BASE_TIME, time);
            unit = f.text(SenmlLabel.BASE_UNIT, unit);
            value = f.number(SenmlLabel.BASE_VALUE, value);
            sum = f.number(SenmlLabel.BASE_SUM, sum);
        }
    }

    /** The labels of one record, with typed reads that name the record and label when wrong. */
    private static final class Fields {
        final int index;
        final java.util.EnumMap<SenmlLabel, JsonNode> map = new java.util.EnumMap<>(SenmlLabel.class);

        Fields(int index) {
            this.index = index;
        }

        void put(SenmlLabel label, JsonNode value) {
            if (map.put(label, value) != null) {
                throw new SenmlException("record " + index + " has the label '" + label.json + "' twice");
            }
        }

        boolean has(SenmlLabel l) {
            return map.containsKey(l);
        }

        String text(SenmlLabel l, String fallback) {
            JsonNode n = map.get(l);
            if (n == null) {
                return fallback;
            }
            if (!n.isTextual()) {
                throw new SenmlException("record " + index + ": '" + l.json + "' must be a string");
            }
            return n.textValue();
        }

        double number(SenmlLabel l, double fallback) {
            JsonNode n = map.get(l);
            if (n == null) {
                return fallback;
            }
            if (!n.isNumber()) {
                throw new SenmlException("record " + index + ": '" + l.json + "' must be a number");
            }
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new SenmlException("record " + index + ": '" + l.json + "' must be a finite number");
            }
            return d;
        }

        double anyNumber(SenmlLabel l) {
            JsonNode n = map.get(l);
            if (!n.isNumber()) {
                throw new SenmlException("record " + index + ": '" + l.json + "' must be a number");
            }
            return n.doubleValue();
        }

        boolean bool(SenmlLabel l) {
            JsonNode n = map.get(l);
            if (!n.isBoolean()) {
                throw new SenmlException("record " + index + ": '" + l.json + "' must be true or false");
            }
            return n.booleanValue();
        }
    }

    /** A pack that does not follow RFC 8428; the message says where and what. */
    public static final class SenmlException extends IllegalArgumentException {
        public SenmlException(String message) {
            super(message);
        }
    }
}
