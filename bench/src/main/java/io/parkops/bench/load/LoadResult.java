package io.parkops.bench.load;

/**
 * What a load-generator run did: messages it was asked to offer, sent, accepted by the server
 * (PUBACK / 2.04), refused (MQTT reason code, CoAP 4.xx/5.03), failed (timeout, connection), and the
 * device-timestamp window of what it sent.
 */
public record LoadResult(long offered, long sent, long accepted, long refused, long failed, long firstTs, long lastTs,
                         double seconds) {

    public double sentPerSecond() {
        return seconds <= 0 ? 0 : sent / seconds;
    }

    public String toLine() {
        return "RESULT " + offered + " " + sent + " " + accepted + " " + refused + " " + failed + " " + firstTs + " " + lastTs
                + " " + seconds;
    }

    public static LoadResult parseLine(String line) {
        String[] p = line.substring("RESULT ".length()).trim().split(" ");
        return new LoadResult(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                Long.parseLong(p[4]), Long.parseLong(p[5]), Long.parseLong(p[6]), Double.parseDouble(p[7]));
    }
}
