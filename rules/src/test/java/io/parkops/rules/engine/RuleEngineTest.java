package io.parkops.rules.engine;

import static io.parkops.rules.engine.Fixtures.MIN;
import static io.parkops.rules.engine.Fixtures.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Severity;
import io.parkops.rules.engine.Fixtures.Twin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every condition kind on a controllable clock. */
class RuleEngineTest {

    private static Twin twin(String type, String rulesJson) {
        return new Twin(new RuleEngine(Fixtures.rules(rulesJson), Fixtures.NO_TYPES), Fixtures.device(type, "d-1"));
    }

    private static Severity severity(List<RuleOutcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0).severity();
    }

    private static final String WIND = """
            {"id": "wind", "deviceType": "weather-station", "message": "pads unsafe", "levels": [
              {"severity": "major", "raise": {"property": "weather.windGust", "above": 12},
               "clear": {"property": "weather.windGust", "below": 9, "for": "10m"}}]}""";

    @Test
    void hysteresisDoesNotFlapOnASignalOscillatingBetweenTheThresholds() {
        Twin t = twin("weather-station", WIND);
        assertThat(severity(t.report("weather.windGust", 13.0))).isEqualTo(Severity.MAJOR);
        List<RuleOutcome> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.addAll(t.after(30 * SEC).report("weather.windGust", i % 2 == 0 ? 9.5 : 11.9));
            all.addAll(t.tick());
        }
        assertThat(all).as("between 9 and 12 nothing changes").isEmpty();
    }

    @Test
    void clearNeedsTheClearConditionForItsWholeDuration() {
        Twin t = twin("weather-station", WIND);
        t.report("weather.windGust", 13.0);
        assertThat(t.after(MIN).report("weather.windGust", 8.0)).isEmpty();
        assertThat(t.after(9 * MIN).report("weather.windGust", 9.2)).as("a gust of 9.2 restarts the 10 min").isEmpty();
        assertThat(t.after(MIN).report("weather.windGust", 8.0)).isEmpty();
        assertThat(t.after(9 * MIN + 59 * SEC).report("weather.windGust", 8.0)).isEmpty();
        List<RuleOutcome> cleared = t.after(SEC).report("weather.windGust", 8.0);
        assertThat(cleared).singleElement().satisfies(o -> {
            assertThat(o.clears()).isTrue();
            assertThat(o.value()).isEqualTo(8.0);
            assertThat(o.threshold()).isEqualTo(9.0);
        });
    }

    private static final String CO2 = """
            {"id": "co2", "deviceType": "iaq-sensor", "message": "CO2", "levels": [
              {"severity": "major", "raise": {"property": "environment.co2", "atLeast": 2500}},
              {"severity": "warning", "raise": {"property": "environment.co2", "above": 1000, "for": "10m"}}]}""";

    @Test
    void forDurationRaisesOnlyAfterTheConditionHeldThatLong() {
        Twin t = twin("iaq-sensor", CO2);
        assertThat(t.report("environment.co2", 1500)).isEmpty();
        assertThat(t.after(9 * MIN).report("environment.co2", 1500)).isEmpty();
        assertThat(t.after(MIN - 1).tick()).isEmpty();
        RuleOutcome raised = t.after(1).tick().get(0);
        assertThat(raised.severity()).isEqualTo(Severity.WARNING);
        assertThat(raised.value()).isEqualTo(1500.0);
        assertThat(raised.threshold()).isEqualTo(1000.0);
    }

    @Test
    void forDurationBridgesGapsInTheDataButRestartsOnAGoodValue() {
        Twin t = twin("iaq-sensor", CO2);
        t.report("environment.co2", 1500);
        t.after(2 * MIN).report("environment.co2", 1600);
        assertThat(t.after(2 * MIN).tick()).as("gap of 2 min, value held").isEmpty();
        t.after(MIN).report("environment.co2", 900);
        t.after(MIN).report("environment.co2", 1500);
        assertThat(t.after(9 * MIN).tick()).isEmpty();
        t.after(30 * SEC).report("environment.co2", 1550);
        assertThat(t.after(30 * SEC).tick()).extracting(RuleOutcome::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void staleValuesDoNotCompleteADuration() {
        Twin t = twin("iaq-sensor", CO2);
        t.report("environment.co2", 1500);
        // silent for 10 min: 3 intervals (3 min) later the value is stale and proves nothing
        assertThat(t.after(10 * MIN).tick()).isEmpty();
    }

    @Test
    void escalatesAndDeEscalatesWithinOneAlert() {
        Twin t = twin("iaq-sensor", CO2);
        assertThat(severity(t.report("environment.co2", 2600))).isEqualTo(Severity.MAJOR);
        assertThat(severity(t.after(MIN).report("environment.co2", 1500)))
                .as("the major level implies the warning: de-escalate, not clear").isEqualTo(Severity.WARNING);
        assertThat(severity(t.after(MIN).report("environment.co2", 3000))).isEqualTo(Severity.MAJOR);
        assertThat(t.after(MIN).report("environment.co2", 800)).singleElement().matches(RuleOutcome::clears);
    }

    @Test
    void rateOfChange() {
        Twin t = twin("iaq-sensor", """
                {"id": "fire", "deviceType": "iaq-sensor", "message": "temperature rising fast", "levels": [
                  {"severity": "critical", "raise": {"property": "environment.temperature", "risesBy": 3, "within": "10m"}}]}""");
        t.report("environment.temperature", 21.0);
        assertThat(t.after(5 * MIN).report("environment.temperature", 23.0)).isEmpty();
        assertThat(t.after(6 * MIN).report("environment.temperature", 24.5))
                .as("21 is older than 10 min; 23 -> 24.5 is only 1.5").isEmpty();
        RuleOutcome raised = t.after(MIN).report("environment.temperature", 26.5).get(0);
        assertThat(raised.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.value()).isEqualTo(3.5);
    }

    @Test
    void booleanStateRaisesAtOnceAndClears() {
        Twin t = twin("leak-sensor", """
                {"id": "leak", "deviceType": "leak-sensor", "message": "wet", "levels": [
                  {"severity": "critical", "raise": {"property": "leak.wet", "equals": true}}]}""");
        assertThat(t.report("leak.battery", 80)).isEmpty();
        assertThat(severity(t.after(SEC).report("leak.wet", true))).isEqualTo(Severity.CRITICAL);
        assertThat(t.after(SEC).report("leak.wet", true)).isEmpty();
        assertThat(t.after(SEC).report("leak.wet", false)).singleElement().matches(RuleOutcome::clears);
    }

    @Test
    void deadmanRaisesOnTheTimerAndClearsWhenDataComesBack() {
        Twin t = twin("iaq-sensor", """
                {"id": "silent", "deviceType": "*", "message": "no data", "levels": [
                  {"severity": "warning", "raise": {"noData": "*", "intervals": 3}}]}""");
        assertThat(t.tick()).as("never seen: unknown, no alert").isEmpty();
        t.report("environment.co2", 500);
        assertThat(t.after(3 * MIN).tick()).as("exactly 3 intervals is not yet silent").isEmpty();
        RuleOutcome raised = t.after(SEC).tick().get(0);
        assertThat(raised.severity()).isEqualTo(Severity.WARNING);
        assertThat(raised.value()).isEqualTo(181.0);
        assertThat(raised.threshold()).isEqualTo(180.0);
        assertThat(t.after(MIN).tick()).isEmpty();
        assertThat(t.after(SEC).report("environment.co2", 510)).singleElement().matches(RuleOutcome::clears);
    }

    @Test
    void deadmanPerProperty() {
        Twin t = twin("ont", """
                {"id": "rx-silent", "deviceType": "ont", "message": "no rxPower", "levels": [
                  {"severity": "warning", "raise": {"noData": "optical.rxPower", "after": "5m"}}]}""");
        t.report("optical.rxPower", -20.0, "optical.linkUp", true);
        t.after(4 * MIN).report("optical.linkUp", true);
        assertThat(t.after(MIN + 1).tick()).extracting(RuleOutcome::severity).containsExactly(Severity.WARNING);
    }

    private static final String LOOP = """
            {"id": "loop", "deviceType": "hvac-loop", "message": "off setpoint", "levels": [
              {"severity": "warning",
               "raise": {"deviation": {"processValue": "loop.processValue", "setpoint": "loop.setpoint",
                         "mode": "loop.mode"}, "moreThan": 2, "settle": "15m", "for": "15m"}}]}""";

    @Test
    void loopDeviationIsQuietDuringSettlingAfterASetpointChange() {
        Twin t = twin("hvac-loop", LOOP);
        t.report("loop.mode", "auto", "loop.setpoint", 21.0, "loop.processValue", 21.2);
        t.after(30 * MIN).report("loop.mode", "auto", "loop.setpoint", 24.0, "loop.processValue", 21.3);
        List<RuleOutcome> all = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            all.addAll(t.after(MIN).report("loop.mode", "auto", "loop.setpoint", 24.0, "loop.processValue", 21.5));
        }
        assertThat(all).as("15 min settling + 15 min for: nothing before 30 min").isEmpty();
        assertThat(t.after(MIN).report("loop.mode", "auto", "loop.setpoint", 24.0, "loop.processValue", 21.5))
                .extracting(RuleOutcome::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void loopDeviationOnlyInAuto() {
        Twin t = twin("hvac-loop", LOOP);
        t.report("loop.mode", "manual", "loop.setpoint", 21.0, "loop.processValue", 30.0);
        for (int i = 0; i < 40; i++) {
            assertThat(t.after(MIN).report("loop.mode", "manual", "loop.processValue", 30.0)).isEmpty();
        }
    }

    @Test
    void andOrAcrossPropertiesOfOneTwin() {
        Twin t = twin("ont", """
                {"id": "ont-bad", "deviceType": "ont", "message": "optics", "levels": [
                  {"severity": "major", "raise": {"any": [
                     {"property": "optical.linkUp", "equals": false},
                     {"all": [{"property": "optical.rxPower", "below": -27}, {"property": "optical.temperature", "above": 70}]}]}}]}""");
        assertThat(t.report("optical.linkUp", true, "optical.rxPower", -28.0, "optical.temperature", 40.0)).isEmpty();
        assertThat(severity(t.after(SEC).report("optical.temperature", 75.0))).isEqualTo(Severity.MAJOR);
        assertThat(t.after(SEC).report("optical.rxPower", -20.0)).singleElement().matches(RuleOutcome::clears);
        assertThat(severity(t.after(SEC).report("optical.linkUp", false))).isEqualTo(Severity.MAJOR);
    }

    @Test
    void unknownValuesNeitherRaiseNorClear() {
        Twin t = twin("iaq-sensor", CO2);
        t.report("environment.co2", 2600);
        assertThat(t.after(SEC).report("environment.co2", "n/a")).isEmpty();
        assertThat(t.after(SEC).report("environment.temperature", 21.0)).isEmpty();
    }

    @Test
    void resetAfterAClearByHandNeedsAFreshRaise() {
        Twin t = twin("iaq-sensor", CO2);
        t.report("environment.co2", 1500);
        assertThat(t.after(10 * MIN).report("environment.co2", 1500)).hasSize(1);
        t.engine.reset(t.device.id(), "co2");
        assertThat(t.after(MIN).report("environment.co2", 1500)).as("the 10 min start again").isEmpty();
        assertThat(t.after(10 * MIN).report("environment.co2", 1500)).hasSize(1);
    }

    @Test
    void stateSurvivesARestartWithARunningForTimer() {
        Twin t = twin("iaq-sensor", CO2);
        t.report("environment.co2", 1500);
        t.after(2 * MIN).report("environment.co2", 1500);
        var saved = EngineStateCodec.takeDirty(t.engine);

        RuleEngine restarted = new RuleEngine(t.engine.rules(), Fixtures.NO_TYPES);
        EngineStateCodec.restore(restarted, saved);
        Twin after = new Twin(restarted, t.device);
        after.now = t.now;
        after.after(MIN).report("environment.co2", 1500);
        assertThat(after.after(6 * MIN).report("environment.co2", 1500)).isEmpty();
        assertThat(after.after(MIN).tick()).as("10 min after the first sample, across the restart")
                .extracting(RuleOutcome::severity).containsExactly(Severity.WARNING);
    }
}
