package io.parkops.sim;

import io.parkops.sim.fault.FaultyFirmware;
import io.parkops.sim.fleet.ParkLayout;
import io.parkops.sim.provisioning.Provisioner;
import io.parkops.sim.provisioning.ProvisioningOutcome;
import io.parkops.sim.signal.DeviceSignal;
import io.parkops.sim.signal.Seeds;
import io.parkops.sim.signal.SignalContext;
import io.parkops.sim.signal.Signals;
import io.parkops.sim.signal.SiteClimate;
import io.parkops.sim.transport.Transports;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A simulated park: the firmware of every device of the fleet, reporting telemetry to the
 * platform over MQTT, CoAP and CoAPS as the contract in ARCHITECTURE.md describes.
 *
 * <p>{@link #start} provisions the fleet, connects it and starts the reporting timers; it runs
 * inside any Vert.x instance (the platform's own for {@code ./parkops demo}, a private one for
 * {@code ./parkops sim}). All devices share Vert.x's event loops for their timers, the HiveMQ
 * client's event loops for MQTT and one CoAP endpoint: no thread per device.
 */
public final class ParkSimulator {

    /** Both lead parks are in China; their working day and sun follow Beijing time (as does any site the layout does not describe). */
    static final ZoneId PARK_ZONE = ZoneId.of("Asia/Shanghai");

    private static final int CONNECTS_IN_FLIGHT = 256;
    private static final int PROGRESS_EVERY = 5_000;

    private final SimCounters counters;
    private final List<DeviceReporter> reporters;
    private final Transports transports;
    private final long intervalMillis;
    private Future<Void> stopped;

    private ParkSimulator(SimCounters counters, List<DeviceReporter> reporters, Transports transports, long intervalMillis) {
        this.counters = counters;
        this.reporters = List.copyOf(reporters);
        this.transports = transports;
        this.intervalMillis = intervalMillis;
    }

    public static Future<ParkSimulator> start(Vertx vertx, SimOptions options) {
        return start(vertx, options, line -> { });
    }

    /**
     * Provisions every device via {@code POST /api/devices} (409 counts as already provisioned),
     * connects the MQTT devices, then starts reporting. Fails when no device could be
     * provisioned; devices the platform refused are left out and counted as errors.
     *
     * @param progress receives a line now and then while a large fleet is provisioned and connected
     */
    public static Future<ParkSimulator> start(Vertx vertx, SimOptions options, Consumer<String> progress) {
        List<SimDevice> fleet = ParkLayout.plan(options);
        SimCounters counters = new SimCounters();
        return provision(vertx, options, fleet, progress)
                .compose(outcome -> {
                    outcome.refusals().forEach(refusal -> counters.error("provisioning refused " + refusal));
                    return Transports.open(vertx, options, outcome.ready())
                            .compose(transports -> vertx.executeBlocking(
                                    () -> assemble(vertx, options, outcome.ready(), transports, counters), false));
                })
                .compose(sim -> sim.connectAll(progress).map(sim))
                .onSuccess(sim -> sim.startReporting(options));
    }

    private static Future<ProvisioningOutcome> provision(Vertx vertx, SimOptions options, List<SimDevice> fleet,
                                                         Consumer<String> progress) {
        if (!options.provision()) {
            return Future.succeededFuture(new ProvisioningOutcome(fleet, 0, List.of()));
        }
        Provisioner provisioner = new Provisioner(vertx, options);
        List<io.parkops.model.site.Site> sites = options.sites().stream()
                .flatMap(tenant -> options.layout().site(tenant).describedSite().stream())
                .filter(site -> options.sites().contains(site.id()))
                .distinct()
                .toList();
        return provisioner.provisionSites(sites)
                .compose(siteRefusals -> {
                    if (!sites.isEmpty()) {
                        progress.accept("put " + (sites.size() - siteRefusals.size()) + "/" + sites.size() + " sites to /api/sites");
                    }
                    return provisioner.provisionAll(fleet, progress).map(outcome -> outcome.withRefusals(siteRefusals));
                })
                .andThen(done -> provisioner.close());
    }

    /** Builds every device's firmware and link; CoAPS links bind sockets, hence on a worker thread. */
    private static ParkSimulator assemble(Vertx vertx, SimOptions options, List<SimDevice> devices,
                                          Transports transports, SimCounters counters) {
        Clock clock = Clock.systemUTC();
        long runStart = clock.millis();
        Map<String, SiteClimate> climates = new HashMap<>();
        List<DeviceReporter> reporters = new ArrayList<>(devices.size());
        for (SimDevice device : devices) {
            SiteClimate climate = climates.computeIfAbsent(device.tenant(),
                    tenant -> new SiteClimate(Seeds.forSite(options.seed(), tenant), zoneOf(options, tenant)));
            long seed = Seeds.forDevice(options.seed(), device.tenant(), device.deviceId());
            DeviceSignal signal = Signals.create(device.type(), new SignalContext(seed, climate, runStart, ParkLayout.isCo2Surge(device)));
            FaultyFirmware firmware = new FaultyFirmware(options.faults().drawFor(seed), signal::sample, seed, counters::fault);
            var link = transports.link(device);
            if (signal.acceptsCommands()) {
                link.onCommand(signal::command);
            }
            reporters.add(new DeviceReporter(vertx, device, firmware, link, counters, clock, options.bufferPerDevice(), seed));
        }
        counters.devices(reporters.size());
        return new ParkSimulator(counters, reporters, transports, FleetRate.intervalMillis(options, devices.size()));
    }

    /** A described site's working day and sun follow its own time zone; the lead parks' follow Beijing time. */
    private static ZoneId zoneOf(SimOptions options, String tenant) {
        return options.layout().site(tenant).describedSite().map(io.parkops.model.site.Site::timeZone).orElse(PARK_ZONE);
    }

    /**
     * Connects at most {@value #CONNECTS_IN_FLIGHT} devices at a time: tens of thousands of
     * simultaneous handshakes would overflow the broker's listen backlog and time out.
     */
    private Future<Void> connectAll(Consumer<String> progress) {
        long started = System.nanoTime();
        Iterator<DeviceReporter> queue = reporters.iterator();
        AtomicInteger done = new AtomicInteger();
        List<Future<Void>> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(CONNECTS_IN_FLIGHT, reporters.size()); i++) {
            Promise<Void> worker = Promise.promise();
            connectNext(queue, done, progress, started, worker);
            workers.add(worker.future());
        }
        return Future.join(workers)
                .onComplete(all -> progress.accept(connectedLine(started)))
                .mapEmpty();
    }

    private void connectNext(Iterator<DeviceReporter> queue, AtomicInteger done,
                             Consumer<String> progress, long started, Promise<Void> worker) {
        DeviceReporter next;
        synchronized (queue) {
            if (!queue.hasNext()) {
                worker.complete();
                return;
            }
            next = queue.next();
        }
        next.connect().onComplete(ignored -> {
            if (done.incrementAndGet() % PROGRESS_EVERY == 0) {
                progress.accept(connectedLine(started));
            }
            connectNext(queue, done, progress, started, worker);
        });
    }

    private String connectedLine(long started) {
        return String.format(Locale.ROOT, "connected %d/%d devices in %.1f s%s", connected(), reporters.size(),
                (System.nanoTime() - started) / 1e9,
                transports.sourceAddressCount() > 0 ? " from " + transports.sourceAddressCount() + " source addresses" : "");
    }

    /** Spreads first reports over one interval, with offsets from the run seed so runs repeat. */
    private void startReporting(SimOptions options) {
        SplittableRandom offsets = new SplittableRandom(options.seed());
        reporters.forEach(reporter -> {
            long interval = intervalMillis > 0 ? intervalMillis : options.intervalOf(reporter.device().tenant(), reporter.device().type()).toMillis();
            reporter.start(offsets.nextLong(interval), interval);
        });
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
        long buffered = 0;
        for (DeviceReporter reporter : reporters) {
            buffered += reporter.buffered();
        }
        return counters.snapshot(connected(), buffered);
    }

    private long connected() {
        return reporters.stream().filter(r -> r.link().ready()).count();
    }

    /** The most recent error, for diagnostics; {@code null} when there was none. */
    public String lastError() {
        return counters.lastError();
    }

    /** The devices that report: every planned device the platform accepted. */
    public List<SimDevice> devices() {
        return reporters.stream().map(DeviceReporter::device).toList();
    }

    /** The interval every device reports on when {@code --rate} set one, else 0 (each type its own). */
    public long fleetIntervalMillis() {
        return intervalMillis;
    }
}
