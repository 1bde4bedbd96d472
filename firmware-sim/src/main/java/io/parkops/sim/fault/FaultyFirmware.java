package io.parkops.sim.fault;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Turns a device's readings into the messages its firmware sends, misbehaving as its faults
 * say. Pure and seeded (no Vert.x, no clock of its own), so a run's faults repeat and can be
 * unit-tested. Event-like faults (burst, duplicate, reorder, malformed) hit about one report in
 * {@value #ONE_IN}; stuck and skew hold for the whole run; a dropout silences a few reports.
 */
public final class FaultyFirmware {

    /** Receives one count per fault injected, for the run's summary. */
    @FunctionalInterface
    public interface Injected {
        void fault(Fault fault);
    }

    static final int ONE_IN = 4;
    static final int BURST_SIZE = 5;
    private static final int DROPOUT_ONE_IN = 20;

    private final Set<Fault> faults;
    private final LongFunction<Map<String, Object>> signal;
    private final Injected injected;
    private final SplittableRandom random;
    private final long skewMillis;
    private Map<String, Object> stuckReading;
    private byte[] heldBack;
    private int silentReports;

    public FaultyFirmware(Set<Fault> faults, LongFunction<Map<String, Object>> signal, long seed, Injected injected) {
        this.faults = Set.copyOf(faults);
        this.signal = signal;
        this.injected = injected;
        this.random = new SplittableRandom(seed);
        long minutes = 2 + random.nextLong(9);
        this.skewMillis = (random.nextBoolean() ? 1 : -1) * minutes * 60_000;
    }

    public Set<Fault> faults() {
        return faults;
    }

    /** The messages to send at {@code now}, oldest first; empty while the device drops out. */
    public List<byte[]> report(long now) {
        if (droppingOut()) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(2);
        if (faults.contains(Fault.BURST) && hits()) {
            injected.fault(Fault.BURST);
            for (int i = BURST_SIZE - 1; i > 0; i--) {
                out.add(message(now - i * 1_000L));
            }
        }
        byte[] message = message(now);
        if (faults.contains(Fault.MALFORMED) && hits()) {
            injected.fault(Fault.MALFORMED);
            message = malformed(message);
        }
        if (faults.contains(Fault.REORDER) && heldBack == null && hits()) {
            injected.fault(Fault.REORDER);
            heldBack = message; // goes out after the next report, with the older ts
            return out;
        }
        out.add(message);
        if (heldBack != null) {
            out.add(heldBack);
            heldBack = null;
        }
        if (faults.contains(Fault.DUPLICATE) && hits()) {
            injected.fault(Fault.DUPLICATE);
            out.add(message.clone());
        }
        return out;
    }

    private boolean droppingOut() {
        if (!faults.contains(Fault.DROPOUT)) {
            return false;
        }
        if (silentReports == 0 && random.nextInt(DROPOUT_ONE_IN) == 0) {
            silentReports = 3 + random.nextInt(8);
        }
        if (silentReports > 0) {
            silentReports--;
            injected.fault(Fault.DROPOUT);
            return true;
        }
        return false;
    }

    private byte[] message(long at) {
        Map<String, Object> reading = signal.apply(at);
        if (faults.contains(Fault.STUCK)) {
            if (stuckReading == null) {
                stuckReading = reading;
            } else {
                injected.fault(Fault.STUCK);
            }
            reading = stuckReading;
        }
        long ts = at;
        if (faults.contains(Fault.SKEW)) {
            injected.fault(Fault.SKEW);
            ts += skewMillis;
        }
        JsonObject json = new JsonObject().put("ts", ts);
        reading.forEach(json::put);
        return json.toBuffer().getBytes();
    }

    /** Cut-off JSON, as after a lost packet or a full firmware buffer, or a number that is text. */
    private byte[] malformed(byte[] message) {
        if (random.nextBoolean()) {
            byte[] cut = new byte[message.length / 2];
            System.arraycopy(message, 0, cut, 0, cut.length);
            return cut;
        }
        return new String(message, StandardCharsets.UTF_8).replaceFirst("\"ts\":-?[0-9]+", "\"ts\":\"soon\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private boolean hits() {
        return random.nextInt(ONE_IN) == 0;
    }
}
