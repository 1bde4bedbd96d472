package io.parkops.adapters.codec;

import io.parkops.adapters.codec.senml.SenmlDecoder;
import io.parkops.adapters.codec.senml.SenmlPack;
import io.parkops.adapters.codec.senml.SenmlRecord;
import io.parkops.model.DeviceType;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;
import java.util.List;

/**
 * SenML (RFC 8428) in JSON (content format 110) or CBOR (112) onto a device type. The message
 * time is the latest record time used, in milliseconds, when sane.
 */
public final class SenmlTelemetryDecoder {

    private final boolean cbor;

    private SenmlTelemetryDecoder(boolean cbor) {
        this.cbor = cbor;
    }

    public static SenmlTelemetryDecoder json() {
        return new SenmlTelemetryDecoder(false);
    }

    public static SenmlTelemetryDecoder cbor() {
        return new SenmlTelemetryDecoder(true);
    }

    public Decoded decode(DeviceType type, byte[] payload, long now) {
        List<SenmlRecord> records;
        try {
            records = cbor ? SenmlPack.readCbor(payload, now / 1000d) : SenmlPack.readJson(payload, now / 1000d);
        } catch (SenmlPack.SenmlException e) {
            throw new RejectedException(Rejection.MALFORMED, e.getMessage());
        }
        ValueCollector values = new ValueCollector(type);
        double latest = Double.NEGATIVE_INFINITY;
        for (SenmlDecoder.Match m : SenmlDecoder.match(type, records)) {
            if (m.problem() != null) {
                values.drop(m.recordName(), m.problem());
                continue;
            }
            values.offer(m.recordName(), m.property(), m.value());
            latest = Math.max(latest, m.time());
        }
        long ts = Double.isInfinite(latest) ? now : DeviceClock.saneOrNow(Math.round(latest * 1000), now);
        return values.finish(ts);
    }
}
