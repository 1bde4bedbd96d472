package io.parkops.bench.jmh;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.adapters.codec.Decoded;
import io.parkops.adapters.codec.PayloadDecoders;
import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.DeviceType;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.Transport;
import io.parkops.model.TwinChange;
import io.parkops.rules.engine.RuleEngine;
import io.parkops.rules.engine.RuleSet;
import io.parkops.rules.influx.PointMapper;
import io.parkops.twins.store.TwinStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-message work of the ingest path, one step each, on the bench's message (an
 * {@code iaq-sensor} with a timestamp and three fields): JSON decode with the device type
 * (validation and plausibility included), mapping to a twin change, rule evaluation with the
 * built-in rules plus a threshold rule, InfluxDB line-protocol encoding, and writing the values into
 * the device's twin (Ditto's thing model, in memory).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

    private PayloadDecoders decoders;
    private DeviceType type;
    private Device device;
    private byte[] payload;
    private RuleEngine engine;
    private TwinChange change;
    private long now;
    private long revision;
    private TwinStore twins;
    private Telemetry telemetry;

    @Setup
    public void setUp() {
        DeviceTypeCatalog catalog = DeviceTypeCatalog.builtin();
        type = catalog.find("iaq-sensor").orElseThrow();
        decoders = new PayloadDecoders();
        device = new Device(ThingId.of("bench", "d1"), "iaq-sensor", Map.of("building", "b1", "floor", "1", "zone", "z1"));
        now = System.currentTimeMillis();
        payload = ("{\"ts\":" + now + ",\"temperature\":22.5,\"humidity\":41,\"illuminance\":51234}").getBytes(StandardCharsets.UTF_8);
        RuleSet hot = RuleSet.parse(("{\"id\":\"bench-hot\",\"deviceType\":\"iaq-sensor\",\"feature\":\"environment\",\"property\":"
                + "\"temperature\",\"operator\":\"above\",\"threshold\":40,\"severity\":\"major\",\"message\":\"hot\"}")
                .getBytes(StandardCharsets.UTF_8), "bench-hot.json");
        engine = new RuleEngine(RuleSet.builtin().overlay(hot), catalog);
        Decoded decoded = decoders.decode(type, PayloadDecoders.JSON, payload, now);
        change = map(decoded);
        twins = new TwinStore(catalog);
        twins.create(device, now);
        telemetry = new Telemetry(device, Channel.TELEMETRY, Transport.MQTT, decoded.timestamp(), now, decoded.features());
    }

    private TwinChange map(Decoded decoded) {
        return new TwinChange(device, ++revision, decoded.timestamp(), decoded.features());
    }

    @Benchmark
    public Decoded decodeJson() {
        return decoders.decode(type, PayloadDecoders.JSON, payload, now);
    }

    @Benchmark
    public TwinChange decodeAndMap() {
        return map(decoders.decode(type, PayloadDecoders.JSON, payload, now));
    }

    @Benchmark
    public Object evaluateRules() {
        return engine.evaluate(change, now);
    }

    @Benchmark
    public TwinChange applyToTwin() {
        return twins.apply(telemetry, now);
    }

    @Benchmark
    public String encodeLineProtocol() {
        List<Point> points = PointMapper.points(change);
        return points.get(0).lineProtocol(TimeUnit.MILLISECONDS);
    }
}
