package io.parkops.adapters.codec.senml;

import io.parkops.model.DeviceType;
import io.parkops.model.PayloadMapping;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps resolved SenML records onto the properties of a device type. A record matches a property
 * when its full name equals the declared name ({@code payloads.senml.<property>.name}, default the
 * property name) or ends with it after {@code :} or {@code /} — so {@code bn} can carry the
 * device's URN while {@code n} names the measurement, as in RFC 8428's examples.
 *
 * <p>A twin holds one value per property, so when a pack has several records for one property the
 * latest in time wins (the earlier ones are history the twin does not keep).
 */
public final class SenmlDecoder {

    /** One value ready for a property, or the reason it is not. */
    public record Match(String recordName, DeviceType.PropertyRef property, Object value, double time, String problem) {
    }

    private SenmlDecoder() {
    }

    public static List<Match> match(DeviceType type, List<SenmlRecord> records) {
        Map<String, Match> latest = new HashMap<>();
        List<Match> unmatched = new java.util.ArrayList<>();
        for (SenmlRecord r : records) {
            DeviceType.PropertyRef ref = propertyFor(type, r.name());
            if (ref == null) {
                continue;
            }
            Match m = convert(r, ref, type.payloads().senml().get(ref.property()));
            if (m.problem() != null) {
                unmatched.add(m);
                continue;
            }
            latest.merge(ref.property(), m, (a, b) -> b.time() >= a.time() ? b : a);
        }
        unmatched.addAll(latest.values());
        return unmatched;
    }

    static DeviceType.PropertyRef propertyFor(DeviceType type, String name) {
        Map<String, PayloadMapping.SenmlField> declared = type.payloads().senml();
        for (var feature : type.features().entrySet()) {
            for (String property : feature.getValue().properties().keySet()) {
                PayloadMapping.SenmlField f = declared.get(property);
                if (matches(name, f == null ? property : f.name())) {
                    return new DeviceType.PropertyRef(feature.getKey(), property, feature.getValue().properties().get(property));
                }
            }
        }
        return null;
    }

    private static boolean matches(String full, String wanted) {
        if (full.equals(wanted)) {
            return true;
        }
        if (!full.endsWith(wanted) || full.length() == wanted.length()) {
            return false;
        }
        char before = full.charAt(full.length() - wanted.length() - 1);
        return before == ':' || before == '/';
    }

    private static Match convert(SenmlRecord r, DeviceType.PropertyRef ref, PayloadMapping.SenmlField declared) {
        Object raw = r.value() != null ? r.value() : r.boolValue() != null ? r.boolValue()
                : r.stringValue() != null ? r.stringValue() : r.sum();
        if (raw == null) {
            return new Match(r.name(), ref, null, r.time(), "a data value (vd) cannot feed a property");
        }
        if (raw instanceof Double d) {
            String unit = r.unit() != null ? r.unit() : declared == null ? null : declared.unit();
            Double factor = Units.factor(unit, ref.type().unit());
            if (factor == null) {
                return new Match(r.name(), ref, null, r.time(), "unit '" + unit + "' cannot be converted exactly to '"
                        + ref.type().unit() + "' (SenML '" + Units.senmlSymbol(ref.type().unit()) + "')");
            }
            raw = Units.apply(d, factor);
        }
        return new Match(r.name(), ref, raw, r.time(), null);
    }
}
