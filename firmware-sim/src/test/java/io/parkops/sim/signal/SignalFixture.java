package io.parkops.sim.signal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs signals over simulated time; the clock is the only thing tests control. */
final class SignalFixture {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    /** A Wednesday in July, 06:00 local: covers night, sunrise, a working day and a hot afternoon. */
    static final long SUMMER_MORNING = LocalDateTime.of(2025, 7, 16, 6, 0).atZone(PARK).toInstant().toEpochMilli();

    private SignalFixture() {
    }

    static SignalContext context(long seed, long runStart, boolean surge) {
        return new SignalContext(seed, new SiteClimate(42, PARK), runStart, surge);
    }

    static DeviceSignal signal(String type, long seed) {
        return Signals.create(type, context(seed, SUMMER_MORNING, false));
    }

    /** {@code count} samples, {@code stepMillis} apart, from {@code start}. */
    static List<Map<String, Object>> run(DeviceSignal signal, long start, long stepMillis, int count) {
        List<Map<String, Object>> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(signal.sample(start + i * stepMillis));
        }
        return samples;
    }

    static double number(Map<String, Object> sample, String property) {
        return ((Number) sample.get(property)).doubleValue();
    }
}
