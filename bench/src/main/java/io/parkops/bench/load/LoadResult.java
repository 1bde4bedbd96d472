package io.parkops.bench.load;

/**
 * What a load-generator run did: messages it was asked to offer, sent, accepted by the server
 * (PUBACK / 2.04), refused (MQTT reason code, CoAP 4.xx/5.03), failed (timeout, connection), and the
 * device-timestamp window of what it sent, and the acknowledgement latency (device timestamp →
 * PUBACK, ms; -1 where the transport does not tell it).
 */
public record LoadResult(long offered, long sent, long accepted, long refused, long failed, long firstTs, long lastTs,
                         double seconds, long ackP50Ms, long ackP99Ms) {

    public LoadResult(long offered, long sent, long accepted, long refused, long failed, long firstTs, long lastTs, double seconds) {
        this(offered, sent, accepted, refused, failed, firstTs, lastTs, seconds, -1, -1);
    }

    public double sentPerSecond() {
        return seconds <= 0 ? 0 : sent / seconds;
    }

    public String toLine() {
        return "RESULT " + offered + " " + sent + " " + accepted + " " + refused + " " + failed + " " + firstTs + " " + lastTs
                + " " + seconds + " " + ackP50Ms + " " + ackP99Ms;
    }

    public static LoadResult parseLine(String line) {
        String[] p = line.substring("RESULT ".length()).trim().split(" ");
        return new LoadResult(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                Long.parseLong(p[4]), Long.parseLong(p[5]), Long.parseLong(p[6]), Double.parseDouble(p[7]),
                p.length > 9 ? Long.parseLong(p[8]) : -1, p.length > 9 ? Long.parseLong(p[9]) : -1);
    }
}
