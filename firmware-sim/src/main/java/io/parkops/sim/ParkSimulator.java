package io.parkops.sim;

import io.parkops.sim.fleet.ParkLayout;
import io.parkops.sim.provisioning.Provisioner;
import io.parkops.sim.provisioning.ProvisioningOutcome;
import io.parkops.sim.signal.SignalContext;
import io.parkops.sim.signal.Signals;
import io.parkops.sim.signal.Seeds;
import io.parkops.sim.signal.SiteClimate;
import io.parkops.sim.transport.Transports;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated park: the firmware of every device of the fleet, reporting telemetry to the
 * platform over MQTT and CoAP as the contract in ARCHITECTURE.md describes.
 *
 * <p>{@link #start} provisions the fleet, connects it and starts the reporting timers; it runs
 * inside any Vert.x instance (the platform's own for {@code ./parkops demo}, a private one for
 * {@code ./parkops sim}).
 */
public final class ParkSimulator {

    /** Both lead parks are in China; their working day and sun follow Beijing time. */
    static final ZoneId PARK_ZONE = ZoneId.of("Asia/Shanghai");

    private final SimCounters counters;
    private final List<DeviceReporter> reporters;
    private final Transports transports;
    private Future<Void> stopped;

    private ParkSimulator(SimCounters counters, List<DeviceReporter> reporters, Transports transports) {
        this.counters = counters;
        this.reporters = List.copyOf(reporters);
        this.transports = transports;
    }

    /**
     * Provisions every device via {@code POST /api/devices} (409 counts as already provisioned),
     * connects the MQTT devices, then starts reporting. Fails when no device could be
     * provisioned; devices the platform refused are left out and counted as errors.
     */
    public static Future<ParkSimulator> start(Vertx vertx, SimOptions options) {
        List<SimDevice> fleet = ParkLayout.plan(options);
        SimCounters counters = new SimCounters();
        Provisioner provisioner = new Provisioner(vertx, options);
        return provisioner.provisionAll(fleet)
                .andThen(done -> provisioner.close())
                .compose(outcome -> {
                    outcome.refusals().forEach(refusal -> counters.error("provisioning refused " + refusal));
                    return Transports.open(vertx, options, outcome.ready())
                            .map(transports -> assemble(vertx, options, outcome, transports, counters));
                })
                .compose(sim -> sim.connectAll().map(sim))
                .onSuccess(sim -> sim.startReporting(options));
    }

    private static ParkSimulator assemble(Vertx vertx, SimOptions options, ProvisioningOutcome outcome,
                                          Transports transports, SimCounters counters) {
        Clock clock = Clock.systemUTC();
        long runStart = clock.millis();
        Map<String, SiteClimate> climates = new HashMap<>();
        List<DeviceReporter> reporters = outcome.ready().stream().map(device -> {
            SiteClimate climate = climates.computeIfAbsent(device.tenant(),
                    tenant -> new SiteClimate(Seeds.forSite(options.seed(), tenant), PARK_ZONE));
            SignalContext context = new SignalContext(Seeds.forDevice(options.seed(), device.tenant(), device.deviceId()),
                    climate, runStart, ParkLayout.isCo2Surge(device));
            return new DeviceReporter(vertx, device, Signals.create(device.type(), context),
                    transports.link(device), counters, clock);
        }).toList();
        counters.devices(reporters.size());
        return new ParkSimulator(counters, reporters, transports);
    }

    private Future<Void> connectAll() {
        return Future.join(reporters.stream().map(DeviceReporter::connect).toList()).mapEmpty();
    }

    /** Spreads first reports over one interval, with offsets from the run seed so runs repeat. */
    private void startReporting(SimOptions options) {
        long interval = options.interval().toMillis();
        SplittableRandom offsets = new SplittableRandom(options.seed());
        reporters.forEach(reporter -> reporter.start(offsets.nextLong(interval), interval));
    }

    /** Stops the timers and closes every connection; calling it again returns the same future. */
    public synchronized Future<Void> stop() {
        if (stopped == null) {
            stopped = Future.join(reporters.stream().map(DeviceReporter::stop).toList())
                    .transform(ignored -> transports.close());
        }
        return stopped;
    }

    public SimStats stats() {
        return counters.snapshot();
    }

    /** The most recent error, for diagnostics; {@code null} when there was none. */
    public String lastError() {
        return counters.lastError();
    }

    /** The devices that report: every planned device the platform accepted. */
    public List<SimDevice> devices() {
        return reporters.stream().map(DeviceReporter::device).toList();
    }
}
