package io.parkops.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultyFirmwareTest {

    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);

    /** A reading that changes every call, so a stuck one is visible. */
    private FaultyFirmware firmware(Fault... faults) {
        int[] n = {0};
        return new FaultyFirmware(Set.of(faults), at -> Map.of("co2", 400.0 + n[0]++), 42,
                fault -> injected.merge(fault, 1, Integer::sum));
    }

    private static List<byte[]> run(FaultyFirmware firmware, int reports) {
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            sent.addAll(firmware.report(1_000_000L + i * 1_000L));
        }
        return sent;
    }

    private static JsonObject json(byte[] message) {
        return new JsonObject(new String(message, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void withoutFaultsEveryReportIsOneWellFormedMessageInOrder() {
        List<byte[]> sent = run(firmware(), 100);

        assertThat(sent).hasSize(100);
        assertThat(sent).extracting(m -> json(m).getLong("ts")).isSorted().doesNotHaveDuplicates();
        assertThat(injected).isEmpty();
    }

    @Test
    void stuckRepeatsTheFirstReadingWithFreshTimestamps() {
        List<byte[]> sent = run(firmware(Fault.STUCK), 20);

        assertThat(sent).extracting(m -> json(m).getDouble("co2")).containsOnly(400.0);
        assertThat(sent).extracting(m -> json(m).getLong("ts")).doesNotHaveDuplicates();
        assertThat(injected.get(Fault.STUCK)).isEqualTo(19);
    }

    @Test
    void skewShiftsEveryTimestampByTheSameMinutes() {
        List<byte[]> sent = run(firmware(Fault.SKEW), 10);

        long skew = json(sent.get(0)).getLong("ts") - 1_000_000L;
        assertThat(Math.abs(skew)).isBetween(120_000L, 600_000L);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(json(sent.get(i)).getLong("ts")).isEqualTo(1_000_000L + i * 1_000L + skew);
        }
    }

    @Test
    void duplicateSendsTheSameMessageTwice() {
        List<byte[]> sent = run(firmware(Fault.DUPLICATE), 200);

        assertThat(sent).hasSize(200 + injected.get(Fault.DUPLICATE));
        assertThat(injected.get(Fault.DUPLICATE)).isBetween(20, 80); // about one in four
        long repeated = sent.stream().map(m -> json(m).getLong("ts")).distinct().count();
        assertThat(repeated).isEqualTo(200);
    }

    @Test
    void reorderSendsAHeldBackMessageAfterANewerOne() {
        List<byte[]> sent = run(firmware(Fault.REORDER), 200);

        int backwards = 0;
        for (int i = 1; i < sent.size(); i++) {
            backwards += json(sent.get(i)).getLong("ts") < json(sent.get(i - 1)).getLong("ts") ? 1 : 0;
        }
        assertThat(backwards).isPositive().isGreaterThanOrEqualTo(injected.get(Fault.REORDER) - 1);
    }

    @Test
    void malformedPayloadsAreBrokenJsonOrAWrongType() {
        List<byte[]> sent = run(firmware(Fault.MALFORMED), 200);

        long broken = sent.stream().filter(m -> {
            try {
                return !(json(m).getValue("ts") instanceof Number);
            } catch (DecodeException e) {
                return true;
            }
        }).count();
        assertThat(broken).isEqualTo(injected.get(Fault.MALFORMED).longValue()).isPositive();
    }

    @Test
    void burstSendsSeveralReadingsAtOnceAndDropoutSilencesSome() {
        assertThat(run(firmware(Fault.BURST), 100)).hasSize(100 + (FaultyFirmware.BURST_SIZE - 1) * injected.get(Fault.BURST));
        injected.clear();
        assertThat(run(firmware(Fault.DROPOUT), 400)).hasSize(400 - injected.get(Fault.DROPOUT));
        assertThat(injected.get(Fault.DROPOUT)).isPositive();
    }

    @Test
    void aPlanDrawsTheSameFaultsForTheSameDeviceSeedAndHitsAboutItsFraction() {
        FaultPlan plan = FaultPlan.parse("stuck,duplicate=0.5", 0.1);

        assertThat(plan.drawFor(7)).isEqualTo(plan.drawFor(7));
        long duplicates = java.util.stream.LongStream.range(0, 2000).filter(seed -> plan.drawFor(seed).contains(Fault.DUPLICATE)).count();
        long stuck = java.util.stream.LongStream.range(0, 2000).filter(seed -> plan.drawFor(seed).contains(Fault.STUCK)).count();
        assertThat(duplicates).isBetween(900L, 1100L);
        assertThat(stuck).isBetween(140L, 260L);
    }
}
