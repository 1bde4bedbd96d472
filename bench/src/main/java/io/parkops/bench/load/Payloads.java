package io.parkops.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The bench's device message: {@code {"ts":..,"temperature":..,"humidity":..,"illuminance":..}}
 * for an {@code iaq-sensor}. Two of the three fields carry the device timestamp so that the
 * observer can compute latency from what the platform shows without a side channel:
 * {@code illuminance} is {@code ts mod 100 s} in ms (the type allows 0–100,000 lx) (read back from the twin stream), and a message that
 * crosses the alert threshold has {@code temperature = 41.xxx} where {@code xxx} thousandths are
 * {@code ts mod 10 s} (read back from the alert stream's {@code value}).
 */
public final class Payloads {

    /** The bench rule raises above this temperature; normal messages stay at 20–25 °C. */
    public static final double ALERT_THRESHOLD = 40.0;
    static final long ILLUMINANCE_MODULUS = 100_000L;
    static final long ALERT_MODULUS_MS = 10_000L;

    private Payloads() {
    }

    /** One message; {@code crossing} makes it breach the alert threshold. */
    public static byte[] encode(long ts, int device, long seq, boolean crossing) {
        StringBuilder b = new StringBuilder(96).append("{\"ts\":").append(ts).append(",\"temperature\":");
        if (crossing) {
            long ms = ts % ALERT_MODULUS_MS;
            b.append(41 + ms / 1000).append('.');
            appendPadded(b, ms % 1000);
        } else {
            b.append(20 + seq % 50 / 10).append('.').append(seq % 10);
        }
        b.append(",\"humidity\":").append(40 + device % 20)
                .append(",\"illuminance\":").append(ts % ILLUMINANCE_MODULUS).append('}');
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void appendPadded(StringBuilder b, long v) {
        if (v < 100) {
            b.append('0');
        }
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }

    /** The device timestamp of an encoded message ({@code {"ts":<digits>,...}}), read without copying it; -1 if it has none. */
    public static long sentAt(java.nio.ByteBuffer payload) {
        int at = payload.position() + 6; // after {"ts":
        long ts = 0;
        int digits = 0;
        for (; at < payload.limit(); at++, digits++) {
            byte b = payload.get(at);
            if (b < '0' || b > '9') {
                break;
            }
            ts = ts * 10 + (b - '0');
        }
        return digits == 0 ? -1 : ts;
    }

    /** The device timestamp behind an {@code illuminance} value seen at {@code now}. */
    public static long tsFromIlluminance(double illuminance, long now) {
        return unwrap((long) Math.rint(illuminance), now, ILLUMINANCE_MODULUS);
    }

    /** The device timestamp behind an alert {@code value} seen at {@code now}, or -1 if not a bench crossing. */
    public static long tsFromAlertValue(double value, long now) {
        if (value < 41 || value >= 51) {
            return -1;
        }
        return unwrap(Math.round((value - 41) * 1000), now, ALERT_MODULUS_MS);
    }

    /** The latest time not after {@code now} whose residue is {@code residue}. */
    static long unwrap(long residue, long now, long modulus) {
        long back = Math.floorMod(now % modulus - residue, modulus);
        return now - back;
    }
}
