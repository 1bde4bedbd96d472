package io.parkops.sim.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A closed-loop air-handling unit (feature {@code loop}): supply-air temperature controlled to a
 * 22 °C set-point. The process value approaches the set-point as a first-order lag from wherever
 * the plant starts; the controller output is proportional to the error plus the steady demand
 * the outdoor weather puts on the plant.
 */
final class HvacLoopSignal implements DeviceSignal {

    static final double DEFAULT_SETPOINT = 22.0;
    private static final double TIME_CONSTANT_MILLIS = 3 * 60_000.0;
    private static final double GAIN_PERCENT_PER_KELVIN = 25;

    private final SplittableRandom random;
    private final SiteClimate climate;
    private volatile double setpoint = DEFAULT_SETPOINT; // commands arrive on transport threads
    private double processValue;
    private long lastMillis = Long.MIN_VALUE;

    HvacLoopSignal(SignalContext context) {
        this.random = new SplittableRandom(context.seed());
        this.climate = context.climate();
        this.processValue = DEFAULT_SETPOINT + random.nextDouble(-5, 5);
    }

    /** What the contract's {@code setSetpoint} command changes; the loop then settles on it. */
    void setSetpoint(double celsius) {
        this.setpoint = celsius;
    }

    @Override
    public boolean acceptsCommands() {
        return true;
    }

    /** {@code setSetpoint} with {@code {"setpoint": <°C>}}; the process value then follows with the loop's lag. */
    @Override
    public int command(String name, String payloadJson) {
        if (!"setSetpoint".equals(name)) {
            return 404;
        }
        try {
            Object value = new io.vertx.core.json.JsonObject(payloadJson).getValue("setpoint");
            if (!(value instanceof Number n) || n.doubleValue() < 5 || n.doubleValue() > 90) {
                return 400;
            }
            setSetpoint(n.doubleValue());
            return 200;
        } catch (RuntimeException e) {
            return 400;
        }
    }

    @Override
    public Map<String, Object> sample(long t) {
        if (lastMillis != Long.MIN_VALUE) {
            double alpha = 1 - Math.exp(-Math.max(0, t - lastMillis) / TIME_CONSTANT_MILLIS);
            processValue += (setpoint - processValue) * alpha + random.nextGaussian() * 0.01;
        }
        lastMillis = t;
        double measured = processValue + random.nextGaussian() * 0.05;
        double error = measured - setpoint;
        double demand = 30 + 1.5 * Math.abs(climate.outdoorTemperature(t) - setpoint);
        double output = Values.clamp(demand + GAIN_PERCENT_PER_KELVIN * Math.abs(error), 0, 100);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("processValue", Values.round(measured, 2));
        r.put("setpoint", setpoint);
        r.put("output", Values.round(output, 1));
        r.put("mode", "auto");
        return r;
    }
}
