package io.parkops.sim.signal;

import static io.parkops.sim.signal.SignalFixture.SUMMER_MORNING;
import static io.parkops.sim.signal.SignalFixture.number;
import static io.parkops.sim.signal.SignalFixture.run;
import static io.parkops.sim.signal.SignalFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour the contract's consumers (rules, dashboards, the demo) rely on. */
class DeviceBehaviourTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    @Test
    void activeEnergyNeverDecreasesAndIntegratesPower() {
        DeviceSignal meter = signal("energy-meter", 3);
        List<Map<String, Object>> day = run(meter, SUMMER_MORNING, MINUTE, 24 * 60);
        for (int i = 1; i < day.size(); i++) {
            assertThat(number(day.get(i), "activeEnergyImport")).isGreaterThanOrEqualTo(number(day.get(i - 1), "activeEnergyImport"));
        }
        double meanKw = day.stream().mapToDouble(s -> number(s, "activePower")).average().orElseThrow();
        double kwh = number(day.get(day.size() - 1), "activeEnergyImport") - number(day.get(0), "activeEnergyImport");
        assertThat(kwh).isCloseTo(meanKw * 24, org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void activeEnergyHoldsWhenTheClockStepsBack() {
        DeviceSignal meter = signal("energy-meter", 3);
        double before = number(meter.sample(SUMMER_MORNING + HOUR), "activeEnergyImport");
        double after = number(meter.sample(SUMMER_MORNING), "activeEnergyImport");
        assertThat(after).isGreaterThanOrEqualTo(before);
    }

    @Test
    void surgeRoomCrossesThousandPpmWithinThirtySeconds() {
        long runStart = SUMMER_MORNING + 3 * HOUR;
        for (long step : new long[] {1_000, 5_000}) {
            DeviceSignal room = Signals.create("iaq-sensor", SignalFixture.context(11, runStart, true));
            List<Map<String, Object>> first30s = run(room, runStart, step, (int) (30_000 / step) + 1);
            assertThat(first30s).extracting(s -> number(s, "co2")).anySatisfy(co2 -> assertThat(co2).isGreaterThan(1000));
            assertThat(first30s).extracting(s -> number(s, "co2")).allSatisfy(co2 -> assertThat(co2).isLessThanOrEqualTo(1600));
        }
    }

    @Test
    void surgeRoomClearsAgainSoAlertsCanClear() {
        long runStart = SUMMER_MORNING + 3 * HOUR;
        DeviceSignal room = Signals.create("iaq-sensor", SignalFixture.context(11, runStart, true));
        List<Map<String, Object>> cycle = run(room, runStart, 5_000, (int) (IaqSensorSignal.SURGE_CYCLE_MILLIS / 5_000));
        assertThat(number(cycle.get(cycle.size() - 1), "co2")).isLessThan(1000);
    }

    @Test
    void officeCo2FollowsOccupancyWithinOfficeRange() {
        DeviceSignal office = signal("iaq-sensor", 5);
        List<Map<String, Object>> day = run(office, SUMMER_MORNING - 6 * HOUR, MINUTE, 24 * 60);
        assertThat(day).extracting(s -> number(s, "co2")).allSatisfy(co2 -> assertThat(co2).isBetween(400.0, 900.0));
        double atThreeAm = number(day.get(3 * 60), "co2");
        double atEleven = number(day.get(11 * 60), "co2");
        assertThat(atEleven).isGreaterThan(atThreeAm + 250);
    }

    @Test
    void pvPowerFollowsIrradiance() {
        SiteClimate climate = new SiteClimate(42, SignalFixture.PARK);
        DeviceSignal inverter = signal("pv-inverter", 8);
        double[] irradiance = new double[24 * 60];
        double[] power = new double[irradiance.length];
        for (int i = 0; i < irradiance.length; i++) {
            long t = SUMMER_MORNING + i * MINUTE;
            irradiance[i] = climate.irradiance(t);
            power[i] = number(inverter.sample(t), "acPower");
            if (irradiance[i] == 0) {
                assertThat(power[i]).isZero();
            }
        }
        assertThat(correlation(irradiance, power)).isGreaterThan(0.98);
    }

    @Test
    void hvacLoopSettlesOnItsSetpoint() {
        DeviceSignal loop = signal("hvac-loop", 4);
        List<Map<String, Object>> samples = run(loop, SUMMER_MORNING, 5_000, 12 * 30);
        double firstError = Math.abs(number(samples.get(0), "processValue") - 22);
        double lastError = Math.abs(number(samples.get(samples.size() - 1), "processValue") - 22);
        assertThat(lastError).isLessThan(0.3).isLessThanOrEqualTo(firstError);
        assertThat(samples).extracting(s -> s.get("mode")).containsOnly("auto");
    }

    @Test
    void leakSensorsAreMostlyDryAndBatteriesOnlyDrain() {
        long wet = 0;
        long total = 0;
        for (long seed = 1; seed <= 10; seed++) {
            List<Map<String, Object>> samples = run(signal("leak-sensor", seed), SUMMER_MORNING, MINUTE, 2 * 24 * 60);
            wet += samples.stream().filter(s -> (Boolean) s.get("wet")).count();
            total += samples.size();
            for (int i = 1; i < samples.size(); i++) {
                assertThat(number(samples.get(i), "battery")).isLessThanOrEqualTo(number(samples.get(i - 1), "battery"));
            }
        }
        assertThat((double) wet / total).isLessThan(0.05);
    }

    @Test
    void ontReceivePowerCentresOnMinusEighteenDbm() {
        double sum = 0;
        int n = 0;
        for (long seed = 1; seed <= 60; seed++) {
            for (Map<String, Object> s : run(signal("ont", seed), SUMMER_MORNING, MINUTE, 30)) {
                sum += number(s, "rxPower");
                n++;
            }
        }
        assertThat(sum / n).isBetween(-19.5, -16.5);
    }

    @Test
    void weatherIsWarmerInTheAfternoonAndDarkAtNight() {
        DeviceSignal station = signal("weather-station", 2);
        List<Map<String, Object>> day = run(station, SUMMER_MORNING - 6 * HOUR, MINUTE, 24 * 60);
        assertThat(number(day.get(15 * 60), "temperature")).isGreaterThan(number(day.get(5 * 60), "temperature"));
        assertThat(number(day.get(0), "irradiance")).isZero();
        assertThat(number(day.get(12 * 60), "irradiance")).isGreaterThan(100);
        assertThat(day).allSatisfy(s -> assertThat(number(s, "windGust")).isGreaterThanOrEqualTo(number(s, "windSpeed")));
    }

    @Test
    void dronePadChargesOnlyWithADroneAndTheDoorShut() {
        List<Map<String, Object>> day = run(signal("drone-pad", 6), SUMMER_MORNING, 30_000, 2 * 24 * 60);
        assertThat(day).extracting(s -> s.get("occupied")).contains(true, false);
        assertThat(day).extracting(s -> s.get("doorOpen")).contains(true, false);
        assertThat(day).allSatisfy(s -> {
            if (number(s, "chargerPower") > 0) {
                assertThat(s).containsEntry("occupied", true).containsEntry("doorOpen", false);
            }
            if ((Boolean) s.get("doorOpen")) {
                assertThat(s).containsEntry("occupied", true);
            }
        });
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
